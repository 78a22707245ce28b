/**
 * chatspec judges the servers it launches, driven through bin/chatspec.js as a user would:
 * real Python servers in the course's style, unmodified, several at once in namespaces of
 * their own. `npm test` builds dist/ first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../results/run.js';
import { REQUIREMENTS } from '../../specs/index.js';
import { FIXTURES, allGone } from '../launch/support.js';
import { classFolder, trackChatspec } from './launched-support.js';

/** Few scenarios, so that each server's run is short: a send, the crash, what follows, a split. */
const ONLY = 'send/ok,send/unknown-user,send/order,framing/split-multibyte-character';

async function report(out: string, folder: string): Promise<RunResult> {
  return JSON.parse(
    await readFile(join(out, 'servers', folder, 'report.json'), 'utf8'),
  ) as RunResult;
}

describe('chatspec grade', () => {
  it('judges several launched servers at once, each with the evidence of its own process', async () => {
    const root = await classFolder({
      exits: 'exit_unknown_user_server.py',
      spins: 'spin_server.py',
      splits: 'split_char_server.py',
    });
    const out = join(root, 'out');
    const run = trackChatspec(
      [
        'grade',
        ...['exits', 'spins', 'splits'].map((n) => join(root, n)),
        '--run',
        'python3 server.py',
        '--only',
        ONLY,
        '--out',
        out,
        '--parallel',
        '3',
      ],
      120_000,
    );
    const exit = await run.done;
    expect(exit.stderr).toContain('testing 3 servers, 3 at a time');
    expect(exit.code, exit.stderr).toBe(1);

    const exits = await report(out, '01-exits');
    const crash = exits.scenarios.find((s) => s.id === 'send/unknown-user')!;
    expect(crash.verdict).toBe('FAIL');
    expect(crash.requirements).toEqual(['FRAME-11']);
    expect(crash.reason).toMatch(
      /process ended during this scenario \(exit code 3\); it printed: .*fatal: no user nobody/,
    );
    expect(crash.reason).toContain('restarted for the remaining scenarios (restart 1)');
    const after = exits.scenarios.find((s) => s.id === 'send/order')!;
    expect(after.verdict).toBe('PASS');
    expect(after.afterRestart).toBe(1);
    expect(exits.process).toMatchObject({
      restarts: 1,
      exits: [{ scenario: 'send/unknown-user', code: 3 }],
    });
    expect(exits.requirements.find((r) => r.id === 'FRAME-11')!.verdict).toBe('FAIL');

    const splits = await report(out, '03-splits');
    const split = splits.scenarios.find((s) => s.id === 'framing/split-multibyte-character')!;
    expect(split.reason).toMatch(/the server printed: Traceback .* UnicodeDecodeError/);
    expect(split.serverOutput!.some((l) => l.text.startsWith('UnicodeDecodeError'))).toBe(true);
    // Its own lines only: the earlier scenarios' tracebacks are not in the others' evidence.
    const ok = splits.scenarios.find((s) => s.id === 'send/ok')!;
    expect((ok.serverOutput ?? []).some((l) => l.text.includes('UnicodeDecodeError'))).toBe(false);
    expect(splits.process!.exits).toEqual([]);
    expect(splits.scenarios.find((s) => s.id === 'process/idle-cpu')!.verdict).toBe('PASS');

    const spins = await report(out, '02-spins');
    const idle = spins.scenarios.find((s) => s.id === 'process/idle-cpu')!;
    expect(idle.verdict).toBe('NON-STRICT');
    expect(idle.requirements).toEqual(['PROCESS-1']);
    expect(spins.process!.idleCpu!.cpuSeconds).toBeGreaterThanOrEqual(0.1);

    const matrix = await readFile(join(out, 'matrix.md'), 'utf8');
    for (const name of ['exits', 'spins', 'splits']) expect(matrix).toContain(name);
    expect(run.seen.size).toBeGreaterThan(3);
    expect(await allGone([...run.seen])).toBe(true);
  }, 150_000);

  it('makes a submission that will not start its own ERROR, with what it printed', async () => {
    const root = await classFolder({
      broken: 'split_char_server.py',
      fine: 'split_char_server.py',
    });
    await writeFile(
      join(root, 'broken', 'chatspec.yaml'),
      `run: 'python3 -c "import sys; print(''SyntaxError: oops''); sys.exit(1)"'\n`,
    );
    const out = join(root, 'out');
    const rubric = join(root, 'rubric.yaml');
    await writeFile(rubric, 'name: flat\npoints:\n  level: { MUST: 1, SHOULD: 1, MAY: 1 }\n');
    const exit = await trackChatspec(
      [
        'grade',
        join(root, 'broken'),
        join(root, 'fine'),
        '--run',
        'python3 server.py',
        '--only',
        'send/ok',
        '--out',
        out,
        '--rubric',
        rubric,
      ],
      60_000,
    ).done;
    expect(exit.code).toBe(1);
    expect(exit.stdout).toMatch(
      /broken .*ERROR: cannot start .*exited with code 1 before opening a port; it printed: SyntaxError: oops/,
    );
    expect(exit.stdout).toMatch(/fine .*all PASS/);
    // Both are scored out of the rubric's one total: one point for every requirement.
    const rows = (await readFile(join(out, 'gradebook.csv'), 'utf8')).trim().split('\n');
    const possible = rows.slice(1).map((row) => row.split(',')[2]);
    expect(possible).toEqual([String(REQUIREMENTS.length), String(REQUIREMENTS.length)]);
  }, 90_000);

  it('fails on a broken rubric in one line, exit 2, before launching anything', async () => {
    const root = await classFolder({ a: 'split_char_server.py' });
    const rubric = join(root, 'rubric.yaml');
    await writeFile(rubric, 'name: x\npoints:\n  level:\n    MUST: lots\n');
    const exit = await trackChatspec(
      ['grade', join(root, 'a'), '--run', 'python3 server.py', '--rubric', rubric],
      30_000,
    ).done;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/rubric\.yaml/);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
  }, 40_000);
});

describe('chatspec test --run', () => {
  it('stops the server and everything it started on Ctrl-C, exit 130', async () => {
    const run = trackChatspec(
      [
        'test',
        '--run',
        'python3 spin_server.py',
        '--cwd',
        FIXTURES,
        '--timeout',
        '3000',
        '--out',
        join(await classFolder({}), 'out'),
      ],
      60_000,
    );
    // Wait until the server runs (python3 in chatspec's tree), then interrupt.
    const deadline = Date.now() + 20_000;
    while (run.seen.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill('SIGINT');
    const exit = await run.done;
    expect(exit.code, exit.stderr).toBe(130);
    expect(run.seen.size).toBeGreaterThan(1);
    expect(await allGone([...run.seen])).toBe(true);
  }, 90_000);

  it('works without isolation, on the port the server binds', async () => {
    const run = trackChatspec(
      [
        'test',
        '--run',
        // An ephemeral port: the test never depends on 8889 being free here.
        'PORT=0 python3 split_char_server.py',
        '--cwd',
        FIXTURES,
        '--isolation',
        'none',
        '--only',
        'send/ok',
        '--reporter',
        'console',
      ],
      60_000,
    );
    const exit = await run.done;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toMatch(/PASS +send\/ok/);
    expect(exit.stdout).toMatch(/server process: no exit; memory .* at start/);
    expect(await allGone([...run.seen])).toBe(true);
  }, 90_000);

  it('is taken by probe the same way, and the server is stopped afterwards', async () => {
    const run = trackChatspec(
      ['probe', '--run', 'python3 split_char_server.py', '--cwd', FIXTURES],
      60_000,
    );
    const exit = await run.done;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toMatch(/^name: probed$/m);
    expect(exit.stderr).toMatch(/commands\.SEND_GROUP = unsupported/);
    expect(await allGone([...run.seen])).toBe(true);
  }, 90_000);

  it.each([
    [
      ['test', '127.0.0.1:8889', '--run', 'python3 s.py'],
      /give a target \(127\.0\.0\.1:8889\) or --run, not both/,
    ],
    [['test', '--cwd', '.'], /--cwd goes with --run/],
    [
      ['test', '--run', 'no-such-command-here', '--start-timeout', '5'],
      /cannot start "no-such-command-here": .*not found/,
    ],
    [
      ['test', '--run', 'python3 -c "print(1)"', '--only', 'send/ok'],
      /cannot start .*exited with code 0 before opening a port; it printed: 1/,
    ],
  ])(
    'fails %j in one line, exit 2',
    async (args, message) => {
      const exit = await trackChatspec(args, 30_000).done;
      expect(exit.code).toBe(2);
      expect(exit.stderr).toMatch(message);
      expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    },
    40_000,
  );

  it('refuses a targets entry with both an address and a command, exit 2', async () => {
    const root = await classFolder({});
    await writeFile(
      join(root, 'class.yaml'),
      '- name: a\n  address: 127.0.0.1:1\n  run: python3 s.py\n',
    );
    const exit = await trackChatspec(['test', '--targets', join(root, 'class.yaml')], 30_000).done;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(
      /entry 1 \(a\), field address: give an address \(HOST:PORT\) or a run command, exactly one/,
    );
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
  }, 40_000);
});
