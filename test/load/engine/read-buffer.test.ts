/**
 * Every load socket reads into one shared buffer, so a reply that arrives in pieces must be
 * kept as a copy: the next read, on any connection, overwrites the buffer. Over real TCP on
 * loopback, a server cuts its byte stream at every place (inside a reply, inside its
 * terminator, between replies) and lets other connections' reads run between the pieces.
 */
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { presetWorkload } from '../../../load/index.js';
import { ownedChunk } from '../../../load/engine/read-buffer.js';
import { LineDecoder } from '../../../specs/index.js';
import { AUTH_OK } from '../support/scripted-server.js';
import { runLoad } from '../support/run.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/**
 * Answers auth with a token and every other line with an OK naming the line, and writes
 * what it owes in pieces of 1 to 23 bytes, each piece on a later turn of its event loop.
 */
async function startPiecewiseServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true);
    const decoder = new LineDecoder(1024 * 1024);
    let owed = '';
    let cut = sockets.size;
    let writing = false;
    const writeSome = (): void => {
      if (owed.length === 0 || socket.destroyed) {
        writing = false;
        return;
      }
      cut = (cut * 7 + 3) % 23;
      socket.write(owed.slice(0, cut + 1));
      owed = owed.slice(cut + 1);
      setImmediate(writeSome);
    };
    socket.on('data', (chunk: Buffer) => {
      for (const line of decoder.push(chunk).lines) {
        owed += line.startsWith('auth ')
          ? AUTH_OK
          : `${JSON.stringify({ status: 'OK', message: `Message Sent ${line.length}` })}\r\n\r\n`;
      }
      if (!writing) {
        writing = true;
        setImmediate(writeSome);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return address.port;
}

describe('reading into the shared buffer', () => {
  it('keeps replies that arrive in pieces intact while other connections read', async () => {
    const port = await startPiecewiseServer();
    const { report } = await runLoad(port, {
      workload: presetWorkload('send')!,
      connections: 6,
      pipelining: 3,
      durationMs: 700,
    });
    expect(report.outcomes.protocolViolations).toBe(0);
    expect(report.outcomes.connectionErrors).toBe(0);
    expect(report.problems).toEqual([]);
    // Enough replies that pieces of different connections interleaved many times.
    expect(report.outcomes.ok).toBeGreaterThan(50);
  });

  it('passes a whole reply as it is and copies anything a decoder may keep', () => {
    const buffer = Buffer.from('{"status":"OK"}\r\n\r\n{"sta');
    const whole = buffer.subarray(0, 19);
    expect(ownedChunk(whole, 0)).toBe(whole);
    // Something already held: the decoder may keep this chunk's bytes too.
    expect(ownedChunk(whole, 5)).not.toBe(whole);
    const partial = buffer.subarray(0, 24);
    const kept = ownedChunk(partial, 0);
    expect(kept).not.toBe(partial);
    buffer.fill(0);
    expect(kept.toString()).toBe('{"status":"OK"}\r\n\r\n{"sta');
    expect(ownedChunk(Buffer.from('\r\n'), 0).toString()).toBe('\r\n');
  });
});
