/**
 * `chatspec chat --terminal` driven by piped input, as a script would: the compiled CLI in a
 * child process against the reference server on loopback. Every wait is bounded.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { closedPort } from '../support/ports.js';
import { BIN, ROOT, type Exit } from './support/run-cli.js';

const WAIT_MS = 20_000;

function runWithInput(args: readonly string[], input: string): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('chatspec chat --terminal with piped input', () => {
  let server: RunningServer;
  let dir: string;
  let downloads: string;

  beforeAll(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(join(tmpdir(), 'chatspec-chat-'));
    downloads = join(dir, 'downloads');
  });
  afterAll(async () => {
    await server?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('logs in, chats, sends and downloads files byte-exact, and refuses a path out of the folder', async () => {
    const personal = randomBytes(3000);
    const group = Buffer.from([0, 255, 13, 10, 32, 1, 2, 3]);
    await writeFile(join(dir, 'notes.bin'), personal);
    await writeFile(join(dir, 'x.bin'), group);
    const script = [
      'auth messi surabaya',
      'send henderson halo   dari pipa',
      `send_file henderson ${join(dir, 'notes.bin')}`,
      'send_group group1 halo grup',
      `send_group_file group1 ${join(dir, 'x.bin')}`,
      'auth henderson surabaya',
      'inbox',
      'my_file',
      'download_file messi notes.bin',
      'download_file messi notes.bin',
      'download_file group1 x.bin',
      'download_file messi ../notes.bin',
      'download_file messi /etc/passwd',
      'send nobody hi',
      'raw inbox {session}',
      'bogus command',
    ].join('\n');
    const run = await runWithInput(
      ['chat', '--terminal', server.address, '--download-dir', downloads],
      `${script}\n`,
    );
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      'OK logged in as messi',
      'OK Message Sent',
      'OK File Sent (notes.bin, 3000 bytes)',
      'OK Message Sent',
      'OK File Sent (x.bin, 8 bytes)',
      'OK logged in as henderson',
      'messi: halo   dari pipa',
      '[group1] messi: halo grup',
      'messi: notes.bin',
      'group1: x.bin',
      `OK saved ${join(downloads, 'notes.bin')} (3000 bytes)`,
      `OK saved ${join(downloads, 'notes-1.bin')} (3000 bytes)`,
      `OK saved ${join(downloads, 'x.bin')} (8 bytes)`,
      'error: "../notes.bin" leaves the download folder (..); refusing to write it',
      'error: "/etc/passwd" is an absolute path; refusing to write it',
      'ERROR User Tidak Ditemukan',
      expect.stringMatching(/^→ inbox [0-9a-f-]{36}\\r\\n$/),
      '← {"status": "OK", "messages": {}}\\r\\n\\r\\n',
      'error: unknown command "bogus" (type help for the list)',
    ]);
    expect(run.code).toBe(1);
    expect((await readFile(join(downloads, 'notes.bin'))).equals(personal)).toBe(true);
    expect((await readFile(join(downloads, 'x.bin'))).equals(group)).toBe(true);
    expect((await readdir(downloads)).sort()).toEqual(['notes-1.bin', 'notes.bin', 'x.bin']);
  });

  it('prints one JSON object per command with --json, the password masked, and exits 0 when all worked', async () => {
    const run = await runWithInput(
      ['chat', '--terminal', server.address, '--json'],
      'auth kinas sby\nsend rimas hi\nraw my_file {session}\n',
    );
    expect(run.code).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({
      command: 'auth',
      ok: true,
      status: 'OK',
      sent: 'auth kinas *** \r\n',
    });
    expect(run.stdout).not.toContain('sby');
    expect(results[1]).toMatchObject({
      command: 'send',
      ok: true,
      reply: { status: 'OK', message: 'Message Sent' },
    });
    expect(results[2]).toMatchObject({
      command: 'raw',
      ok: true,
      received: '{"status": "OK", "messages": {}}\r\n\r\n',
    });
  });

  it('reports a dead server on each command, in one line, and exits 1', async () => {
    const port = await closedPort();
    const run = await runWithInput(
      ['chat', '--terminal', `127.0.0.1:${port}`],
      'auth messi surabaya\ninbox\n',
    );
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^FAILED cannot connect to 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
      ),
      'FAILED not logged in',
    ]);
  });

  it('speaks a dialect file to the embedded server, which speaks it too', async () => {
    const file = join(dir, 'wild.yaml');
    await writeFile(file, 'name: wild\nextends: login\nreplies:\n  token: token_id\n');
    const run = await runWithInput(
      ['chat', '--terminal', '--dialect', file, '--json'],
      'auth messi surabaya\nsend henderson hi\n',
    );
    expect(run.code, run.stderr).toBe(0);
    const [auth, send] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(auth).toMatchObject({ ok: true, sent: 'login messi *** \r\n' });
    expect(String(auth?.received)).toContain('"token_id"');
    expect(send).toMatchObject({ ok: true, status: 'OK' });
  });

  it('finds the dialect with --probe and then chats in it', async () => {
    const wild = await startServer({ host: '127.0.0.1', port: 0, dialect: 'login' });
    try {
      const run = await runWithInput(
        ['chat', '--terminal', wild.address, '--probe', '--json'],
        'auth messi surabaya\n',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout.trim())).toMatchObject({
        ok: true,
        sent: 'login messi *** \r\n',
      });
    } finally {
      await wild.close();
    }
  });

  it('refuses an unknown dialect with exit 2', async () => {
    const run = await runWithInput(
      ['chat', '--terminal', server.address, '--dialect', 'no-such-dialect'],
      '',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^chatspec: .*no-such-dialect/);
  });
});
