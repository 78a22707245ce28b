/** The server's life: start on an ephemeral port, report its address, close cleanly. */
import { connect } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveServerOptions, startServer } from '../../reference-server/index.js';
import { WireClient } from './support/wire.js';

function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startServer', () => {
  it('listens on an ephemeral loopback port and reports host, port and address', async () => {
    const server = await startServer({ port: 0 });
    try {
      expect(server.host).toBe('127.0.0.1');
      expect(server.port).toBeGreaterThan(0);
      expect(server.address).toBe(`127.0.0.1:${server.port}`);
      expect(await canConnect(server.port)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('listens on IPv6 loopback and brackets the address', async () => {
    let server;
    try {
      server = await startServer({ host: '::1', port: 0 });
    } catch (error) {
      // A machine without IPv6 loopback cannot run this check; say so instead of passing silently.
      expect((error as NodeJS.ErrnoException).code).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT/);
      return;
    }
    try {
      expect(server.address).toBe(`[::1]:${server.port}`);
      const c = await WireClient.open(server.port, '::1');
      expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
      c.close();
    } finally {
      await server.close();
    }
  });

  it('fails to start on a port in use, with the system error', async () => {
    const first = await startServer({ port: 0 });
    try {
      await expect(startServer({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('close() stops listening, drops open connections, and is safe to call twice', async () => {
    const server = await startServer({ port: 0 });
    const c = await WireClient.open(server.port);
    await c.send('auth messi sura'); // a half-sent request must not hold up the close
    const closing = server.close();
    expect(server.close()).toBe(closing);
    await closing;
    await c.waitClosed();
    expect(await canConnect(server.port)).toBe(false);
  });

  it('at maxConnections, closes the longest idle connection to admit a new one', async () => {
    const server = await startServer({ port: 0, maxConnections: 2 });
    try {
      const a = await WireClient.open(server.port);
      const b = await WireClient.open(server.port);
      // a was opened first but spoke last: b is the longest idle.
      expect(await a.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
      const c = await WireClient.open(server.port);
      await b.waitClosed();
      expect(await c.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
      expect(await a.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
      // Now c spoke before a: c goes for the next one.
      const d = await WireClient.open(server.port);
      await c.waitClosed();
      expect(await d.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
      expect(await a.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
      a.close();
      d.close();
    } finally {
      await server.close();
    }
  });

  it('keeps an idle connection by default: no idle timeout', async () => {
    expect(resolveServerOptions().idleTimeoutMs).toBe(0);
    const server = await startServer({ port: 0 });
    try {
      const c = await WireClient.open(server.port);
      expect(await c.staysSilent(300)).toBe(true);
      expect(await c.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
      c.close();
    } finally {
      await server.close();
    }
  });

  it('never crashes on arbitrary bytes, and answers every line it is sent', async () => {
    const server = await startServer({ port: 0, maxLineBytes: 4096 });
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
          const c = await WireClient.open(server.port);
          const input = Buffer.concat([Buffer.from(bytes), Buffer.from('\n')]);
          await c.send(input);
          const lines = input.filter((b) => b === 0x0a).length;
          for (let i = 0; i < lines; i++) {
            const reply = await c.reply();
            expect(['OK', 'ERROR']).toContain(reply.status);
          }
          expect(await c.staysSilent(5)).toBe(true);
          expect(c.queuedReplies).toBe(0);
          c.close();
        }),
        { numRuns: 40 },
      );
      const c = await WireClient.open(server.port);
      expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
      c.close();
    } finally {
      await server.close();
    }
  });
});
