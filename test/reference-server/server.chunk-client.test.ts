/**
 * A Python client that decodes each recv(64) chunk by itself, as the course's clients do,
 * against the reference server over TCP: with non-ASCII text in a message and a file name it
 * loses nothing, because every reply is ASCII. The same client against a server writing raw
 * UTF-8 (the utf8-replies variation) dies on the first such reply, which is why it matters.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';

const CLIENT = fileURLToPath(new URL('../fixtures/clients/chunk_client.py', import.meta.url));
// Mixed widths (2, 3 and 4 bytes) over more than two 64-byte reads: in raw UTF-8 some
// character straddles a read boundary wherever the text starts.
const TEXT = `caf\u00e9 \u2615 ${'\u00e9\u2615\u{1f600}'.repeat(20)} \u{1f600}`;
const FILENAME = 'caf\u00e9-\u2615-\u{1f600}.txt';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function runClient(port: number): Promise<{ code: number; output: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      [CLIENT, '127.0.0.1', String(port), TEXT, FILENAME],
      { timeout: 20_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        try {
          resolve({ code, output: JSON.parse(stdout) as Record<string, unknown> });
        } catch {
          reject(new Error(`chunk client printed no JSON (exit ${code}): ${stdout}${stderr}`));
        }
      },
    );
  });
}

describe("a client decoding each recv(64) chunk by itself (the course's clients)", () => {
  it('logs in, sends, reads its inbox and downloads, losing nothing of the non-ASCII text', async () => {
    server = await startServer({ port: 0 });
    const { code, output } = await runClient(server.port);
    expect(output).toEqual({
      sent: { status: 'OK', message: 'Message Sent' },
      sent_file: { status: 'OK', message: 'File Sent' },
      inbox: {
        status: 'OK',
        messages: {
          messi: [{ msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: TEXT }],
        },
      },
      my_file: { status: 'OK', messages: { messi: [FILENAME] } },
      download: { status: 'OK', filename: FILENAME, content_matches: true },
    });
    expect(code).toBe(0);
  });

  it('dies on the first non-ASCII reply of a server that writes raw UTF-8', async () => {
    server = await startServer({ port: 0, defects: ['utf8-replies'] });
    const { code, output } = await runClient(server.port);
    expect(output).toMatchObject({ failed: 'inbox', error: expect.stringMatching(/Decode/) });
    expect(code).toBe(1);
  });
});
