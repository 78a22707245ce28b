import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { currentDialer, tcpDialer } from '../../net/index.js';
import { closedPort } from '../support/ports.js';

/**
 * A listener that stops accepting: a child process listening with a backlog of 1, then
 * stopped (SIGSTOP). Once its accept queue is full, the kernel drops further SYNs, so a
 * connect neither succeeds nor is refused: it waits, all on loopback.
 */
async function stalledListener(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "require('net').createServer().listen({ host: '127.0.0.1', port: 0, backlog: 1 }, function () { console.log(this.address().port); })",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  child.kill('SIGSTOP');
  return { port: Number(chunk.toString().trim()), child };
}

describe('tcpDialer', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const undo of cleanup.splice(0)) undo();
  });

  it('connects, and names the address as a person reads it', async () => {
    const server: Server = createServer((socket) => socket.end('hi'));
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    cleanup.push(() => server.close());
    const port = (server.address() as { port: number }).port;
    const dialer = tcpDialer('127.0.0.1', port);
    expect(dialer.address).toBe(`127.0.0.1:${port}`);
    expect(dialer.tcp).toEqual({ host: '127.0.0.1', port });
    const socket = await dialer.dial(2000);
    const [data] = (await once(socket, 'data')) as [Buffer];
    expect(data.toString()).toBe('hi');
    socket.destroy();
  });

  it('brackets an IPv6 host in its address', () => {
    expect(tcpDialer('::1', 8889).address).toBe('[::1]:8889');
  });

  it('rejects a refused connect with one line naming the address', async () => {
    const port = await closedPort();
    const error = (await tcpDialer('127.0.0.1', port)
      .dial(2000)
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    expect(error.message).not.toContain('\n');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('gives up on a connect that is neither accepted nor refused, within its timeout', async () => {
    const { port, child } = await stalledListener();
    const held: Socket[] = [];
    cleanup.push(() => {
      for (const socket of held) socket.destroy();
      child.kill('SIGKILL');
    });
    const dialer = tcpDialer('127.0.0.1', port);
    // Fill the accept queue of the stopped listener; the connects after that wait for it.
    let outcome: Error | undefined;
    for (let i = 0; i < 8 && outcome === undefined; i++) {
      try {
        held.push(await dialer.dial(300));
      } catch (error) {
        outcome = error as Error;
      }
    }
    expect(outcome?.message).toBe(`connect to 127.0.0.1:${port} timed out after 300 ms`);
  });
});

describe('currentDialer', () => {
  it('dials whichever server is current, and names its address', async () => {
    const listen = async (): Promise<Server> => {
      const server = createServer((socket) =>
        socket.end(`${(server.address() as { port: number }).port}`),
      );
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    };
    const [a, b] = [await listen(), await listen()];
    const port = (s: Server) => (s.address() as { port: number }).port;
    let current = tcpDialer('127.0.0.1', port(a));
    const dialer = currentDialer(() => current);
    const greeting = async (): Promise<string> => {
      const socket: Socket = await dialer.dial(2000);
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      socket.destroy();
      return chunk.toString();
    };
    try {
      expect(dialer.address).toBe(`127.0.0.1:${port(a)}`);
      expect(await greeting()).toBe(String(port(a)));
      current = tcpDialer('127.0.0.1', port(b));
      expect(dialer.address).toBe(`127.0.0.1:${port(b)}`);
      expect(await greeting()).toBe(String(port(b)));
    } finally {
      a.close();
      b.close();
    }
  });
});
