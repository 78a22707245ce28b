/**
 * `chatspec serve` as a user runs it: the compiled CLI in a child process (`npm run build`
 * first; `npm test` does it). Every wait is bounded; every child is killed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFECTS, PROFILES } from '../../reference-server/index.js';
import { WireClient } from '../reference-server/support/wire.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/chatspec.js');
const WAIT_MS = 10_000;

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

function run(args: readonly string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the "listening on HOST:PORT" line and returns the port. */
async function listeningPort(server: Running): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const match = /listening on 127\.0\.0\.1:(\d+)\n/.exec(server.stdout());
    if (match) return Number(match[1]);
    if (server.child.exitCode !== null) {
      throw new Error(`serve exited with ${server.child.exitCode}: ${server.stderr()}`);
    }
    if (Date.now() > deadline) throw new Error(`serve printed no address: ${server.stdout()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let dir = '';
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
  dir = await mkdtemp(join(tmpdir(), 'chatspec-serve-'));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('chatspec serve', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its address, serves, and shuts down cleanly on %s (exit 0), closing open connections',
    async (signal) => {
      const server = run(['serve', '--port', '0']);
      const port = await listeningPort(server);
      expect(server.stdout()).toBe(`chatspec reference server listening on 127.0.0.1:${port}\n`);
      const c = await WireClient.open(port);
      expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
      server.child.kill(signal);
      expect(await within(server.exited, 'exit')).toEqual({ code: 0, signal: null });
      await c.waitClosed();
      expect(server.stderr()).toContain(`${signal}: shutting down`);
    },
  );

  it('uses a fixture file given with --fixture', async () => {
    const path = join(dir, 'users.json');
    await writeFile(
      path,
      JSON.stringify({
        users: [{ username: 'dosen', password: 'rahasia', name: 'Pak Dosen' }],
        groups: [],
      }),
    );
    const server = run(['serve', '--port', '0', '--fixture', path]);
    const c = await WireClient.open(await listeningPort(server));
    expect(await c.request('auth dosen rahasia \r\n')).toMatchObject({ status: 'OK' });
    expect(await c.request('auth messi surabaya \r\n')).toEqual({
      status: 'ERROR',
      message: 'User Tidak Ada',
    });
    c.close();
  });

  it('exits 2 on a bad fixture file, naming the file and the field, and prints no address', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(
      path,
      JSON.stringify({
        users: [{ username: 'a', password: 'p', name: 'A' }],
        groups: [{ id: 'g', name: 'G', members: ['zed'] }],
      }),
    );
    const server = run(['serve', '--port', '0', '--fixture', path]);
    expect(await within(server.exited, 'exit')).toEqual({ code: 2, signal: null });
    expect(server.stderr()).toContain(`chatspec: ${path}: invalid fixture`);
    expect(server.stderr()).toContain('groups[0].members[0]: unknown user "zed"');
    expect(server.stdout()).toBe('');
  });

  it('exits 2 on a missing fixture file and on a fixture that is not JSON', async () => {
    const missing = run(['serve', '--port', '0', '--fixture', join(dir, 'nope.json')]);
    expect((await within(missing.exited, 'exit')).code).toBe(2);
    expect(missing.stderr()).toContain('cannot read fixture file');
    const path = join(dir, 'notjson.json');
    await writeFile(path, 'users: []');
    const notJson = run(['serve', '--port', '0', '--fixture', path]);
    expect((await within(notJson.exited, 'exit')).code).toBe(2);
    expect(notJson.stderr()).toContain('fixture is not valid JSON');
  });

  it.each([
    [['--port', '70000'], /--port/],
    [['--max-line', '10'], /--max-line/],
    [['--idle-timeout', 'soon'], /--idle-timeout/],
    [['--bogus'], /unknown option/],
  ])('exits 2 on bad usage %j', async (args, message) => {
    const server = run(['serve', ...args]);
    expect((await within(server.exited, 'exit')).code).toBe(2);
    expect(server.stderr()).toMatch(message);
  });

  it('exits 2 when the port is taken', async () => {
    const first = run(['serve', '--port', '0']);
    const port = await listeningPort(first);
    const second = run(['serve', '--port', String(port)]);
    expect((await within(second.exited, 'exit')).code).toBe(2);
    expect(second.stderr()).toContain('cannot listen');
  });

  it('applies --max-line and --idle-timeout', async () => {
    const server = run(['serve', '--port', '0', '--max-line', '100', '--idle-timeout', '300']);
    const port = await listeningPort(server);
    const long = await WireClient.open(port);
    expect(await long.request(`${'x'.repeat(101)}\r\n`)).toEqual({
      status: 'ERROR',
      message: 'Request Terlalu Panjang',
    });
    const idle = await WireClient.open(port);
    await idle.waitClosed();
  });

  it('--log writes requests to stderr with the password masked', async () => {
    const server = run(['serve', '--port', '0', '--log']);
    const c = await WireClient.open(await listeningPort(server));
    await c.request('auth messi surabaya \r\n');
    await c.request('auth messi Sekret-123 \r\n');
    c.close();
    server.child.kill('SIGTERM');
    await within(server.exited, 'exit');
    expect(server.stderr()).toContain('auth username=messi password=***');
    expect(server.stderr()).not.toContain('surabaya');
    expect(server.stderr()).not.toContain('Sekret-123');
  });

  it('--list-defects prints one line per defect on stdout and nothing else, then exits 0', async () => {
    const list = run(['serve', '--list-defects']);
    expect(await within(list.exited, 'exit')).toEqual({ code: 0, signal: null });
    const lines = list.stdout().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(DEFECTS.length);
    expect(lines.map((l) => /^([a-z0-9-]+) {2,}\S/.exec(l)?.[1])).toEqual(
      DEFECTS.map((d) => d.name),
    );
    expect(list.stderr()).toBe('');
  });

  it('--defect (repeatable) makes the server misbehave in those ways, and says so on stderr', async () => {
    const server = run([
      'serve',
      '--port',
      '0',
      '--defect',
      'lower-case-status',
      '--defect',
      'predictable-tokens',
    ]);
    const c = await WireClient.open(await listeningPort(server));
    expect(await c.request('auth messi surabaya \r\n')).toEqual({ status: 'ok', tokenid: '1' });
    c.close();
    expect(server.stderr()).toContain(
      'defective on purpose: lower-case-status, predictable-tokens',
    );
  });

  it('exits 2 on an unknown or malformed defect, naming it', async () => {
    const unknown = run(['serve', '--port', '0', '--defect', 'reply-crlf']);
    expect((await within(unknown.exited, 'exit')).code).toBe(2);
    expect(unknown.stderr()).toContain('unknown defect "reply-crlf"');
    const bad = run(['serve', '--port', '0', '--defect', 'slow-replies=soon']);
    expect((await within(bad.exited, 'exit')).code).toBe(2);
    expect(bad.stderr()).toContain('slow-replies=MS needs a whole number');
    expect(bad.stdout()).toBe('');
  });
  it('--list-profiles prints each profile and its defects on stdout, then exits 0', async () => {
    const list = run(['serve', '--list-profiles']);
    expect(await within(list.exited, 'exit')).toEqual({ code: 0, signal: null });
    const names = list
      .stdout()
      .split('\n')
      .filter((l) => /^[a-z]/.test(l))
      .map((l) => l.split(' ')[0]);
    expect(names).toEqual(PROFILES.map((p) => p.name));
    expect(list.stdout()).toContain('  only-auth-send-inbox  ');
    expect(list.stderr()).toBe('');
  });

  it('--profile makes the server behave as that kind of server; --defect adds to it', async () => {
    const server = run([
      'serve',
      '--port',
      '0',
      '--profile',
      'course-template',
      '--defect',
      'predictable-tokens',
    ]);
    const c = await WireClient.open(await listeningPort(server));
    await c.send('auth messi surabaya \r\n');
    expect(await c.rawReply()).toBe('{"status": "OK", "tokenid": "1"}');
    await c.send('my_file 1 \r\n');
    expect(await c.rawReply()).toBe('{"status": "ERROR", "message": "**Protocol Tidak Benar"}');
    c.close();
    expect(server.stderr()).toContain('profile course-template');
  });

  it('exits 2 on an unknown profile, listing the known ones', async () => {
    const unknown = run(['serve', '--port', '0', '--profile', 'lecturer']);
    expect((await within(unknown.exited, 'exit')).code).toBe(2);
    expect(unknown.stderr()).toContain('unknown profile "lecturer" (known: course-template');
    expect(unknown.stdout()).toBe('');
  });
});
