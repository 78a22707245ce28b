/**
 * `chatspec fuzz` as a user runs it: the compiled CLI in a child process (`npm test` builds
 * first), against the embedded reference server or a test double on loopback. Exit codes:
 * 0 no failure, 1 a failing case (printed, replayable, saved as a scenario), 2 bad usage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { closedPort } from '../support/ports.js';
import { ROOT, runChatspec, type Exit } from './support/run-cli.js';
import type { FuzzResult } from '../../results/index.js';
import { startDouble, type RunningDouble } from '../harness/fuzz/support/double-server.js';
import { reorderInbox } from '../harness/fuzz/support/defects.js';
import { startServer } from '../../reference-server/index.js';

const WAIT_MS = 25_000;
const chatspec = (args: readonly string[]): Promise<Exit> => runChatspec(args, WAIT_MS);

let dir: string;
let double: RunningDouble;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-fuzz-cli-'));
  double = await startDouble(reorderInbox);
});
afterAll(async () => {
  await double.close();
  await rm(dir, { recursive: true, force: true });
});

describe('chatspec fuzz', () => {
  it('passes against the embedded reference server and writes fuzz-report.json (exit 0)', async () => {
    const out = join(dir, 'clean');
    const run = await chatspec(['fuzz', '--runs', '30', '--seed', '5', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(embedded reference server), seed 5');
    expect(run.stdout).toContain('PASS: no failure found');
    const report = JSON.parse(await readFile(join(out, 'fuzz-report.json'), 'utf8')) as FuzzResult;
    expect(report).toMatchObject({ schemaVersion: 1, mode: 'sequential', seed: 5, passed: true });
    expect(report.stats.runs).toBe(30);
  });

  it('passes the course template (exit 0), listing the commands it lacks once', async () => {
    const server = await startServer({ port: 0, profile: 'course-template' });
    onTestFinished(() => server.close());
    const out = join(dir, 'template');
    const run = await chatspec([
      'fuzz',
      server.address,
      '--runs',
      '40',
      '--seed',
      '9',
      '--out',
      out,
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('PASS: no failure found');
    const listings = run.stdout.split('\n').filter((l) => l.includes('send_group_file'));
    expect(listings).toEqual([
      '  commands the server lacks (answered like an unknown command; not fuzzed): send_file, download_file, my_file, send_group, send_group_file',
    ]);
    const report = JSON.parse(await readFile(join(out, 'fuzz-report.json'), 'utf8')) as FuzzResult;
    expect(report.commands?.missing).toEqual([
      'SEND_FILE',
      'DOWNLOAD_FILE',
      'MY_FILE',
      'SEND_GROUP',
      'SEND_GROUP_FILE',
    ]);
    // The reply as received, and the object it parses to (as report.json keeps it).
    expect(report.commands?.unknownCommandReply).toEqual({
      text: '{"status": "ERROR", "message": "**Protocol Tidak Benar"}',
      json: { status: 'ERROR', message: '**Protocol Tidak Benar' },
    });
  });

  it('runs the framing and parallel modes', async () => {
    for (const mode of ['--framing', '--parallel']) {
      const run = await chatspec([
        'fuzz',
        mode,
        '--runs',
        '20',
        '--seed',
        '6',
        '--out',
        join(dir, 'modes'),
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`(${mode.slice(2)})`);
    }
  });

  it('prints the shrunk case, saves it as a scenario and exits 1; the printed command replays it', async () => {
    const out = join(dir, 'found');
    const target = `127.0.0.1:${double.port}`;
    const run = await chatspec(['fuzz', target, '--runs', '200', '--seed', '7', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL: step \d+: messages under .* out of order/);
    expect(run.stdout).toMatch(/expected .*\n\s+actual /);
    const replay = /Replay: (chatspec fuzz .*)/.exec(run.stdout)?.[1];
    expect(replay).toMatch(
      new RegExp(`^chatspec fuzz ${target} --seed 7 --path [\\d:]+ --max-commands 40`),
    );
    const files = await readdir(out);
    expect(files).toContain('fuzz-sequential-7.yaml');
    expect(run.stdout).toContain(
      `chatspec test ${target} --scenario ${join(out, 'fuzz-sequential-7.yaml')}`,
    );

    const again = await chatspec([...replay!.split(' ').slice(1), '--out', join(dir, 'replayed')]);
    expect(again.code).toBe(1);
    const steps = (text: string): string =>
      text.slice(text.indexOf('The shrunk case'), text.indexOf('Replay:'));
    expect(steps(again.stdout)).toBe(steps(run.stdout));

    const test = await chatspec([
      'test',
      target,
      '--scenario',
      join(out, 'fuzz-sequential-7.yaml'),
      '--out',
      join(dir, 'test'),
    ]);
    expect(test.code).toBe(1);
  });

  it('masks the password of every auth line it prints and writes, unless --keep-secrets', async () => {
    const server = await startServer({ port: 0, defects: ['wrong-password-accepted'] });
    onTestFinished(() => server.close());
    const target = `127.0.0.1:${server.port}`;
    const out = join(dir, 'secrets');
    const run = await chatspec(['fuzz', target, '--runs', '100', '--seed', '3', '--out', out]);
    expect(run.code).toBe(1);
    // The shrunk case is a login with a wrong password: shown, but not its password.
    expect(run.stdout).toMatch(/^\s+1\s+c\d+\s+auth messi \*\*\*$/m);
    const auth = /auth \S+ (\S+)/g;
    const passwords = (text: string) => [...text.matchAll(auth)].map((m) => m[1]);
    expect(passwords(run.stdout).every((p) => p === '***')).toBe(true);
    // The scenario it saves keeps the password, as replaying it needs the bytes.
    const withoutScenario = (text: string): string => {
      const { scenario, ...rest } = JSON.parse(text) as FuzzResult;
      expect(scenario?.yaml).toContain('password:');
      return JSON.stringify(rest);
    };
    const report = withoutScenario(await readFile(join(out, 'fuzz-report.json'), 'utf8'));
    expect(passwords(report).length).toBeGreaterThan(0);
    expect(passwords(report).every((p) => p!.startsWith('***'))).toBe(true);

    const kept = join(dir, 'secrets-kept');
    const again = await chatspec([
      ...['fuzz', target, '--runs', '100', '--seed', '3', '--out', kept, '--keep-secrets'],
    ]);
    expect(again.code).toBe(1);
    expect(passwords(again.stdout).every((p) => p === '***')).toBe(true);
    const keptReport = withoutScenario(await readFile(join(kept, 'fuzz-report.json'), 'utf8'));
    expect(passwords(keptReport).some((p) => !p!.startsWith('***'))).toBe(true);
  });

  it.each([
    [['fuzz', '--branches', '5'], /--branches/],
    [['fuzz', '--parallel', '--framing'], /exclude each other/],
    [['fuzz', '--path', 'x:1'], /--path/],
    [['fuzz', 'nowhere'], /HOST:PORT/],
    [['fuzz', '--fixture', '/no/such/file.json'], /fixture/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const run = await chatspec([...args, '--out', join(dir, 'bad')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 when nothing listens at the target', async () => {
    const run = await chatspec([
      'fuzz',
      `127.0.0.1:${await closedPort()}`,
      '--runs',
      '3',
      '--out',
      join(dir, 'dead'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot connect/);
  });
});

describe('chatspec fuzz --restart', () => {
  const DYING = join(ROOT, 'test/harness/fuzz/support/dying-server.mjs');

  async function startDying(port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, [DYING, String(port)], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (up) return child;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill();
    throw new Error('the dying server did not start');
  }

  it('brings a crashed server back to shrink to the exact bytes that kill it', async () => {
    const port = await closedPort();
    const first = await startDying(port);
    // The first server dies of the bytes; should the test fail before that, it is stopped here.
    onTestFinished(() => {
      if (first.exitCode === null && first.signalCode === null) first.kill();
    });
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(DYING)} ${port}`;
    const run = await chatspec([
      'fuzz',
      `127.0.0.1:${port}`,
      '--framing',
      '--runs',
      '200',
      '--seed',
      '3',
      '--timeout',
      '500',
      '--restart',
      command,
      '--out',
      join(dir, 'restart'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('As hex: 0d 00');
    expect(run.stdout).not.toContain('shrinking stopped early');
    // Every process the command started is gone again: the port is free.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    expect(listening).toBe(false);
  });

  it('refuses --restart without a target', async () => {
    const run = await chatspec(['fuzz', '--restart', 'true', '--out', join(dir, 'bad')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--restart needs a HOST:PORT/);
  });
});
