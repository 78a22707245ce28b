import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplyConnection, tcpDialer, type Dialer } from '../../net/index.js';
import { ReplyDecoder } from '../../specs/index.js';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A loopback server that answers each connection as `serve` says; its dialer has no `tcp`. */
async function serving(serve: (socket: Socket) => void): Promise<Dialer> {
  server = createServer(serve);
  await new Promise<void>((resolve) => server!.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const inner = tcpDialer('127.0.0.1', (server.address() as { port: number }).port);
  // As a launched target's would: sockets from elsewhere, no host and port to use directly.
  return { address: 'elsewhere', dial: (timeoutMs) => inner.dial(timeoutMs) };
}

describe('ReplyConnection', () => {
  it('reads whole replies through any dialer, in order, split however they arrive', async () => {
    const dialer = await serving((socket) => {
      socket.write('{"a":');
      setTimeout(() => socket.write('1}\r\n\r\n{"b":2}\r\n\r\n'), 20);
    });
    const link = await ReplyConnection.open(dialer, 2000, new ReplyDecoder(1024));
    expect(await link.read(2000)).toMatchObject({ kind: 'reply', text: '{"a":1}' });
    expect(await link.read(2000)).toMatchObject({ kind: 'reply', text: '{"b":2}' });
    link.close();
  });

  it('ends a read with a timeout, a close (with the unterminated bytes) or an overflow', async () => {
    const silent = await serving(() => {});
    const quiet = await ReplyConnection.open(silent, 2000, new ReplyDecoder(1024));
    expect(await quiet.read(50)).toMatchObject({ kind: 'timeout', partialBytes: 0 });
    quiet.close();
    server!.close();

    const cut = await serving((socket) => socket.end('{"a":'));
    const closing = await ReplyConnection.open(cut, 2000, new ReplyDecoder(1024));
    expect(await closing.read(2000)).toMatchObject({ kind: 'closed', partialBytes: 5 });
    server!.close();

    const endless = await serving((socket) => socket.write('x'.repeat(4096)));
    const flooded = await ReplyConnection.open(endless, 2000, new ReplyDecoder(1024));
    expect(await flooded.read(2000)).toMatchObject({ kind: 'overflow' });
    expect(flooded.closed).toBe(true);
  });

  it('rejects with the dialer’s one-line reason when it cannot connect', async () => {
    const failing: Dialer = {
      address: 'nowhere',
      dial: () => Promise.reject(new Error('cannot connect to nowhere: no route')),
    };
    await expect(ReplyConnection.open(failing, 100, new ReplyDecoder(1024))).rejects.toThrow(
      /^cannot connect to nowhere: no route$/,
    );
  });
});
