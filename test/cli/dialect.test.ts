/** The CLI's dialect flags, run as a user runs them: serve/test/fuzz --dialect, probe, test --probe. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { parseDialect } from '../../specs/index.js';
import { runChatspec } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chatspec-dialect-'));
const broken = join(dir, 'broken.yaml');
writeFileSync(broken, 'name: broken\ncommands:\n  SEND: send {session} {txt}\n');

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0, dialect: 'renamed-verbs' });
});
afterAll(() => server.close());

describe('a broken dialect file', () => {
  it.each([
    [['test', '--dialect', broken]],
    [['fuzz', '--dialect', broken, '--runs', '1']],
    [['serve', '--port', '0', '--dialect', broken]],
  ])('exits 2 with one line naming the file, line and problem: %j', async (args) => {
    const exit = await runChatspec(args, 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      `chatspec: ${broken}:3: commands.SEND: unknown placeholder {txt} (known: {username} {password} {session} {to} {peer} {group} {members} {text} {filename} {data})\n`,
    );
  });

  it('an unknown built-in name exits 2 naming the known ones', async () => {
    const exit = await runChatspec(['test', '--dialect', 'klingon'], 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/^chatspec: no built-in dialect "klingon" \(known: canonical, /);
  });
});

describe('chatspec probe', () => {
  it('writes the dialect it finds, with a comment on each finding', async () => {
    const out = join(dir, 'found.yaml');
    const exit = await runChatspec(['probe', server.address, '--out', out], 60_000);
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain(`probe ${server.address}: `);
    expect(exit.stderr).toContain('commands.SEND = sendprivate {session} {to} {text}  (confirmed)');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(
      /^ {2}MY_FILE: file_check \{session\} {2}# confirmed: listed the file sent$/m,
    );
    const spec = parseDialect(text, out);
    expect(spec.commands.SEND_GROUP).toEqual({ request: 'sendgroup {session} {group} {text}' });
  });

  it('lists the built-in dialects', async () => {
    const exit = await runChatspec(['probe', '--list-dialects'], 30_000);
    expect(exit.code).toBe(0);
    expect(exit.stdout.split('\n')[0]).toMatch(/^canonical +The document's spelling/);
    expect(exit.stdout).toMatch(/^keep-inbox +inbox lists every message ever received/m);
  });

  it('exits 2 for a target that refuses connections', async () => {
    const closed = await startServer({ host: '127.0.0.1', port: 0 });
    const address = closed.address;
    await closed.close();
    const exit = await runChatspec(['probe', address, '--timeout', '200'], 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/^chatspec: cannot reach /);
  });
});

describe('chatspec test with a dialect', () => {
  it('--probe finds the dialect, tests in it and records it in report.json', async () => {
    const out = join(dir, 'probed-report');
    const exit = await runChatspec(
      ['test', server.address, '--probe', '--out', out, '--reporter', 'json', '--no-progress'],
      120_000,
    );
    expect(exit.stderr).toContain('commands.MY_FILE = file_check {session}  (confirmed)');
    expect(exit.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      dialect: { name: string; how: string; source: string; differences: string[] };
      summary: Record<string, number>;
    };
    expect(report.dialect.how).toBe('probed');
    expect(report.dialect.source).toBe(`probe ${server.address}`);
    expect(report.dialect.differences).toContain(
      'commands.SEND = sendprivate {session} {to} {text}',
    );
    expect(report.summary.FAIL).toBe(0);
    expect(report.summary.ERROR).toBe(0);
  });

  it('--dialect NAME with no target starts the embedded server in that dialect', async () => {
    const out = join(dir, 'login-report');
    const exit = await runChatspec(
      ['test', '--dialect', 'token-id', '--out', out, '--reporter', 'json', '--no-progress'],
      120_000,
    );
    expect(exit.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      dialect: { name: string; how: string; differences: string[] };
    };
    expect(report.dialect).toEqual({
      name: 'token-id',
      source: 'builtin:token-id',
      how: 'given',
      differences: ['replies.token = token_id'],
    });
  });

  it('--probe and --dialect together are a usage error', async () => {
    const exit = await runChatspec(['test', '--probe', '--dialect', 'login'], 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      'chatspec: --probe and --dialect exclude each other: probe finds the dialect\n',
    );
  });
});
