/**
 * `chatspec test` in-process: the same function the command runs, with captured output, so
 * the exit codes, the printed summary and the written reports are checked without a build.
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../specs/index.js';
import { DEFAULT_TIMEOUT_MS } from '../../harness/index.js';
import { REPORT_FILES } from '../../reports/index.js';
import { registerTest, runTestCommand, type TestFlags, type TestIo } from '../../cli/test.js';
import { UsageError } from '../../cli/usage.js';
import { startFakeServer, type FakeServer } from '../harness/support/fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function capture(): TestIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    env: {},
    handleSignals: false,
    out: () => out,
    err: () => err,
  };
}

async function flags(overrides: Partial<TestFlags> = {}): Promise<TestFlags> {
  return {
    only: [],
    scenario: [],
    strict: false,
    timeout: DEFAULT_TIMEOUT_MS,
    reporter: ['console', 'json', 'junit'],
    out: await mkdtemp(join(tmpdir(), 'chatspec-test-')),
    list: false,
    color: false,
    progress: true,
    ...overrides,
  };
}

describe('chatspec test', () => {
  it('with no target tests the embedded reference server, prints the summary and writes both files', async () => {
    const io = capture();
    const f = await flags();
    expect(await runTestCommand(undefined, f, io)).toBe(0);
    const out = io.out();
    expect(out).toMatch(
      /\n(\d+) scenarios: \1 PASS \([\d.]+ s\) against 127\.0\.0\.1:\d+ \(embedded reference server\)\n/,
    );
    expect(out).toContain(
      `reports: ${join(f.out, REPORT_FILES.json)}, ${join(f.out, REPORT_FILES.junit)}`,
    );
    expect(out).not.toContain('\x1b[');
    const report = JSON.parse(await readFile(join(f.out, REPORT_FILES.json), 'utf8')) as {
      summary: Record<string, number>;
      target: { embedded: boolean };
      scenarios: Array<{ id: string; transcript: unknown[] }>;
    };
    expect(Object.keys(report.summary)).toEqual([
      'PASS',
      'INFORMATIONAL',
      'NON-STRICT',
      'UNIMPLEMENTED',
      'FAIL',
      'ERROR',
    ]);
    expect(report.target.embedded).toBe(true);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(60);
    expect(report.scenarios.every((s) => s.transcript.length > 0)).toBe(true);
    const junit = await readFile(join(f.out, REPORT_FILES.junit), 'utf8');
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toContain('<testsuite');
  });

  it('survives a server that stops mid-run: exit 1, and the reports are still written', async () => {
    let lines = 0;
    const fake = await startFakeServer({
      answer: () => {
        if (++lines === 60) {
          void fake.close();
          return 'close';
        }
        return undefined;
      },
    });
    server = fake;
    const io = capture();
    const f = await flags({ timeout: 1000 });
    expect(await runTestCommand(`127.0.0.1:${fake.port}`, f, io)).toBe(1);
    expect(io.out()).toMatch(/ERROR/);
    const report = JSON.parse(await readFile(join(f.out, REPORT_FILES.json), 'utf8')) as {
      summary: Record<string, number>;
      scenarios: Array<{ verdict: string; notRun?: string; reason: string }>;
    };
    const unreachable = report.scenarios.filter((s) => s.notRun === 'unreachable');
    expect(unreachable.length).toBeGreaterThan(10);
    expect(unreachable[0]?.reason).toMatch(/^not run: server unreachable since scenario [a-z_]+\//);
    expect(report.summary.ERROR).toBeGreaterThan(unreachable.length);
    expect((await readFile(join(f.out, REPORT_FILES.junit), 'utf8')).length).toBeGreaterThan(0);
  });

  it('--strict turns NON-STRICT into exit 1; without it the same run exits 0', async () => {
    server = await startFakeServer({
      answer: (_line, model) => {
        const reply = model();
        return 'message' in reply && reply.message === ERROR_TEXTS.UNKNOWN_SESSION
          ? { status: 'ERROR', message: 'Informasi tidak ditemukan' }
          : reply;
      },
    });
    const target = `127.0.0.1:${server.port}`;
    const only = ['SESSION-1'];
    expect(
      await runTestCommand(target, await flags({ only, reporter: ['console'] }), capture()),
    ).toBe(0);
    const io = capture();
    expect(
      await runTestCommand(target, await flags({ only, strict: true, reporter: ['console'] }), io),
    ).toBe(1);
    expect(io.out()).toContain('NON-STRICT');
  });

  it('exits 2 (UsageError) for an unreachable target, writing nothing', async () => {
    const fake = await startFakeServer();
    const port = fake.port;
    await fake.close();
    const f = await flags();
    await expect(runTestCommand(`127.0.0.1:${port}`, f, capture())).rejects.toThrow(UsageError);
    await expect(runTestCommand(`127.0.0.1:${port}`, f, capture())).rejects.toThrow(
      /is unreachable/,
    );
    expect(await readdir(f.out)).toEqual([]);
  });

  it('exits 2 for a bad scenario file, naming the file and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-scn-'));
    const file = join(dir, 'mine.yaml');
    await writeFile(
      file,
      'group: AUTH\nscenarios:\n  - id: mine/one\n    title: t\n    requirements: [AUTH-1]\n    steps: [{ login: 7 }]\n',
    );
    const error = await runTestCommand(
      undefined,
      await flags({ scenario: [file] }),
      capture(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`${file}: invalid scenario file`);
    expect((error as Error).message).toContain('scenarios[0] (mine/one).steps[0].login');
  });

  it('--scenario runs the given files instead of the built-in set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-scn-'));
    const file = join(dir, 'replay.yaml');
    await writeFile(
      file,
      [
        'group: GENERAL',
        'scenarios:',
        '  - id: replay/unknown-command',
        '    title: a replayed failure',
        '    requirements: [PROTO-1]',
        '    steps:',
        '      - raw: "what ${tag} \\r\\n"',
        '        expect: { error: UNKNOWN_COMMAND }',
      ].join('\n'),
    );
    const io = capture();
    expect(
      await runTestCommand(undefined, await flags({ scenario: [file], reporter: ['console'] }), io),
    ).toBe(0);
    expect(io.out()).toMatch(/\n1 scenario: 1 PASS/);
  });

  it('--list prints the selection and runs nothing', async () => {
    const io = capture();
    expect(
      await runTestCommand('127.0.0.1:1', await flags({ list: true, only: ['SEND-4'] }), io),
    ).toBe(0);
    expect(io.out()).toMatch(
      /^send\/order\s+SEND-4\s+five messages from one sender arrive in the order sent\n1 scenario\n$/,
    );
  });

  it('refuses unknown flags and reporters at parse time', async () => {
    const program = new Command()
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerTest(program, { io: capture(), exitWith: () => {} });
    await expect(program.parseAsync(['node', 'chatspec', 'test', '--bogus'])).rejects.toThrow(
      CommanderError,
    );
    await expect(
      program.parseAsync(['node', 'chatspec', 'test', '--reporter', 'pdf']),
    ).rejects.toThrow(/expected a comma-separated list of console, json, junit/);
    await expect(
      program.parseAsync(['node', 'chatspec', 'test', '--timeout', '0']),
    ).rejects.toThrow(/expected a whole number from 1/);
  });
});
