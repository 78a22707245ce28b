/**
 * The shared socket listeners: a connection hears the events of the socket it holds, and
 * nothing from one it has let go of (a late 'close' after destroy()). Real TCP on loopback.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetSocket,
  listenToSocket,
  readIntoListener,
  type SocketEvents,
} from '../../../load/engine/socket-events.js';

let server: Server | undefined;
const accepted: Socket[] = [];
afterEach(async () => {
  for (const s of accepted) s.destroy();
  accepted.length = 0;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(): Promise<number> {
  server = createServer((socket) => {
    accepted.push(socket);
    socket.write('hello');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function recorder(): SocketEvents & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    socketConnected: () => events.push('connected'),
    socketData: (chunk) => events.push(`data ${chunk.toString()}`),
    socketRead: (view) => events.push(`read ${view.toString()}`),
    socketError: (reason) => events.push(`error ${reason}`),
    socketClosed: () => events.push('closed'),
  };
}

const closed = (socket: Socket): Promise<void> =>
  new Promise((resolve) => socket.once('close', () => resolve()));

describe('listenToSocket', () => {
  it('passes connect, data and close of the socket to its connection', async () => {
    const port = await listen();
    const on = recorder();
    const socket = connect({ host: '127.0.0.1', port });
    listenToSocket(socket, on);
    await new Promise((resolve) => socket.once('data', resolve));
    socket.destroy();
    await closed(socket);
    expect(on.events).toEqual(['connected', 'data hello', 'closed']);
  });

  it('passes nothing once the connection has let go of the socket', async () => {
    const port = await listen();
    const on = recorder();
    const socket = connect({ host: '127.0.0.1', port });
    listenToSocket(socket, on);
    await new Promise((resolve) => socket.once('data', resolve));
    forgetSocket(socket);
    socket.destroy();
    await closed(socket);
    expect(on.events).toEqual(['connected', 'data hello']);
  });

  it('passes a refused connect as its code, then the close', async () => {
    const port = await listen();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const on = recorder();
    const socket = connect({ host: '127.0.0.1', port });
    listenToSocket(socket, on);
    await closed(socket);
    expect(on.events).toEqual(['error ECONNREFUSED', 'closed']);
  });

  it('passes what a socket reads into a shared buffer to the connection that holds it', async () => {
    const port = await listen();
    const buffer = Buffer.alloc(64);
    const onread = { buffer, callback: readIntoListener };
    const on = [recorder(), recorder()];
    const sockets = on.map((events) => {
      const socket = connect({ host: '127.0.0.1', port, onread });
      listenToSocket(socket, events);
      return socket;
    });
    while (on.some((r) => r.events.length < 2)) await new Promise((r) => setTimeout(r, 10));
    for (const socket of sockets) socket.destroy();
    await Promise.all(sockets.map(closed));
    for (const r of on) expect(r.events).toEqual(['connected', 'read hello', 'closed']);
  });
});
