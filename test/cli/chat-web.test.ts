/**
 * `chatspec chat` as a person starts it: with no target it starts the embedded reference
 * server, serves the page on loopback and prints the URL; bad flags exit 2.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runChatspec } from './support/run-cli.js';

const WAIT_MS = 15_000;

const children: Array<ReturnType<typeof spawn>> = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startChat(args: readonly string[]): Promise<{
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
}> {
  const child = spawn(process.execPath, [BIN, 'chat', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within ${WAIT_MS} ms: ${out} ${err}`)),
      WAIT_MS,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, stderr: () => err, exited, child });
      }
    });
  });
}

describe('chatspec chat (web)', () => {
  it('starts the embedded server, serves the page on loopback and stops on SIGTERM', async () => {
    const chat = await startChat([]);
    expect(chat.stderr()).toMatch(/embedded reference server on 127\.0\.0\.1:\d+/);
    const page = await fetch(chat.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>chatspec chat</title>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = await fetch(new URL('/app.js', chat.url));
    expect(script.status).toBe(200);
    // Everything the page runs is in the bundle: no address but XML namespace names.
    const addresses = (await script.text()).match(/https?:\/\/[^"'`\s)]+/g) ?? [];
    expect(addresses.filter((a) => !a.startsWith('http://www.w3.org/'))).toEqual([]);
    chat.child.kill('SIGTERM');
    expect(await chat.exited).toBe(0);
  });

  it('uses a given --port', async () => {
    const first = await startChat([]);
    const port = Number(new URL(first.url).port);
    first.child.kill('SIGTERM');
    await first.exited;
    const chat = await startChat(['--port', String(port)]);
    expect(chat.url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('exits 2 with one line for a bad target, flag or dialect', async () => {
    for (const args of [
      ['chat', 'nohost'],
      ['chat', '--poll-ms', '0'],
      ['chat', '--dialect', 'missing.yaml'],
      ['chat', '--probe', '--dialect', 'login'],
    ]) {
      const run = await runChatspec(args, WAIT_MS);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n').length, run.stderr).toBeLessThanOrEqual(2);
    }
  }, 90_000);
});
