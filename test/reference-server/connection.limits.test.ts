/** Bounded memory and time: over-long lines, idle clients, clients that never read. */
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_TEXTS, LineDecoder, pythonJsonDumps } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { REFUSAL_LINGER_MS } from '../../reference-server/connection.js';
import { WireClient, login, sleep } from './support/wire.js';

let server: RunningServer | undefined;
const clients: WireClient[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

async function open(port: number): Promise<WireClient> {
  const c = await WireClient.open(port);
  clients.push(c);
  return c;
}

describe('a client streaming an over-long line', () => {
  it('is refused once past the limit, while the server holds at most the limit and stops decoding', async () => {
    const maxLineBytes = 1024 * 1024;
    let maxPending = 0;
    let bytesDecoded = 0;
    const push = LineDecoder.prototype.push;
    vi.spyOn(LineDecoder.prototype, 'push').mockImplementation(function (
      this: LineDecoder,
      chunk: Buffer,
    ) {
      bytesDecoded += chunk.length;
      const result = push.call(this, chunk);
      maxPending = Math.max(maxPending, this.pendingBytes);
      return result;
    });
    server = await startServer({ port: 0, maxLineBytes });
    const c = await open(server.port);
    // Keep streaming well past the limit, as a hostile client would, until the server cuts it.
    const piece = Buffer.alloc(256 * 1024, 0x61);
    const streamBytes = 32 * 1024 * 1024;
    let sent = 0;
    const started = Date.now();
    while (sent < streamBytes && !c.closed && Date.now() - started < 10_000) {
      await Promise.race([c.send(piece), sleep(500)]);
      sent += piece.length;
    }
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG });
    await c.waitClosed();
    expect(maxPending).toBeLessThanOrEqual(maxLineBytes + 1);
    // Decoding stopped at the limit; later bytes were dropped unread into any buffer.
    expect(bytesDecoded).toBeLessThanOrEqual(maxLineBytes + 1 + 64 * 1024);
    expect(bytesDecoded).toBeGreaterThan(maxLineBytes);
  });

  it('is cut after a bounded linger even if it ignores the refusal and never stops sending', async () => {
    server = await startServer({ port: 0, maxLineBytes: 64 });
    // allowHalfOpen: the client keeps its side open and writing after the server's FIN.
    const socket = connect({ host: '127.0.0.1', port: server.port, allowHalfOpen: true });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => {});
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const piece = Buffer.alloc(64 * 1024, 0x62);
    let open = true;
    void ended.then(() => (open = false));
    const writer = (async () => {
      for (let i = 0; open && i < 100_000; i++) {
        await Promise.race([new Promise((r) => socket.write(piece, r)), sleep(20)]);
      }
    })();
    const outcome = await Promise.race([
      ended.then(() => 'closed'),
      sleep(REFUSAL_LINGER_MS + 10_000).then(() => 'still open'),
    ]);
    socket.destroy();
    await writer;
    expect(outcome).toBe('closed');
    expect(Buffer.concat(received).toString()).toBe(
      `${pythonJsonDumps({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG })}\r\n\r\n`,
    );
  });
});

describe('many clients each sending most of a line', () => {
  it('are bounded together: the one passing maxPendingLineBytes is refused, the others served, and closing gives the bytes back', async () => {
    server = await startServer({
      port: 0,
      maxLineBytes: 64 * 1024,
      maxPendingLineBytes: 128 * 1024,
    });
    const part = Buffer.alloc(50 * 1024, 0x61); // under the line limit, without its LF
    const [a, b, c] = [await open(server.port), await open(server.port), await open(server.port)];
    await a.send(part);
    await b.send(part);
    await sleep(100); // both held: 100 KiB of the 128
    await c.send(part);
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG });
    await c.waitClosed();
    // The two within the bound finish their lines and are answered.
    await a.send(' \r\n');
    expect(await a.reply()).toMatchObject({ status: 'ERROR' });
    await login(a, 'messi', 'surabaya');
    // Their bytes are given back once finished or closed: two more such clients fit again.
    b.close();
    await sleep(100);
    const [d, e] = [await open(server.port), await open(server.port)];
    await d.send(Buffer.alloc(60 * 1024, 0x61));
    await e.send(Buffer.alloc(60 * 1024, 0x61));
    await sleep(100);
    await d.send('\r\n');
    await e.send('\r\n');
    expect(await d.reply()).toMatchObject({ status: 'ERROR' });
    expect(await e.reply()).toMatchObject({ status: 'ERROR' });
    expect(d.closed || e.closed).toBe(false);
  });
});

describe('idle connections', () => {
  it('are closed after the idle timeout', async () => {
    server = await startServer({ port: 0, idleTimeoutMs: 200 });
    const c = await open(server.port);
    await login(c, 'messi', 'surabaya');
    await c.waitClosed(10_000);
  });

  it('stay open while they keep talking (the timeout is for silence, not for the connection)', async () => {
    server = await startServer({ port: 0, idleTimeoutMs: 800 });
    const c = await open(server.port);
    for (let i = 0; i < 12; i++) {
      expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
      await sleep(100);
    }
    expect(c.closed).toBe(false);
  });

  it('idle timeout 0 never closes', async () => {
    server = await startServer({ port: 0, idleTimeoutMs: 0 });
    const c = await open(server.port);
    expect(await c.staysSilent(300)).toBe(true);
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
  });
});

describe('a client that never reads its replies', () => {
  it('is paused rather than having its replies buffered without bound, and gets every reply once it reads', async () => {
    const processed: string[] = [];
    server = await startServer({
      port: 0,
      maxQueuedReplyBytes: 64 * 1024,
      log: (line) => {
        if (line.includes('download_file')) processed.push(line);
      },
    });
    const c = await open(server.port);
    const token = await login(c, 'messi', 'surabaya');
    const file = Buffer.alloc(128 * 1024, 7).toString('base64'); // each reply ~175 KB
    expect(await c.request(`send_file ${token} messi big.bin ${file} \r\n`)).toMatchObject({
      status: 'OK',
    });

    c.socket.pause(); // stop reading: the kernel buffers fill, then the server must stop too
    const requests = 400; // ~70 MB of replies if the server answered them all at once
    await c.send(`download_file ${token} messi big.bin \r\n`.repeat(requests));
    // Wait until the server has stopped answering (no progress for 300 ms), bounded in time.
    let last = -1;
    for (let i = 0; i < 50 && processed.length !== last; i++) {
      last = processed.length;
      await sleep(300);
    }
    // Only what fits in the socket buffers (a few MB) plus one queued reply was produced.
    expect(processed.length).toBeLessThan(120);
    expect(processed.length).toBeGreaterThan(0);

    c.socket.resume();
    for (let i = 0; i < requests; i++) {
      const reply = await c.reply(10_000);
      expect(reply.status).toBe('OK');
      expect(reply.data).toBe(file);
    }
    expect(processed.length).toBe(requests);
  });
});
