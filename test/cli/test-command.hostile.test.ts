/**
 * Hostile servers against the whole tool (`chatspec test` in-process): whatever a server
 * does at the transport level, the run ends within a bound derived from the timeout, the
 * scenarios it spoils are ERROR with a reason that names what happened, a reply is never
 * buffered past the cap, and report.json and junit.xml are written.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTestCommand, type TestFlags, type TestIo } from '../../cli/test.js';
import { REPORT_FILES, parseRunResult } from '../../reports/index.js';
import { startServer } from '../../reference-server/index.js';
import { HOSTILE, type HostileServer } from './support/hostile-servers.js';

const TIMEOUT_MS = 500;
/** Scheduling slack on a loaded machine; the bounds themselves come from the timeout. */
const SLACK_MS = 1_500;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const quietIo: TestIo = {
  stdout: { write: () => true, isTTY: false },
  stderr: { write: () => true, isTTY: false },
  env: {},
  handleSignals: false,
};

async function run(server: HostileServer, only: string[] = [], more: Partial<TestFlags> = {}) {
  cleanups.push(() => server.close());
  const out = await mkdtemp(join(tmpdir(), 'chatspec-hostile-'));
  cleanups.push(() => rm(out, { recursive: true, force: true }));
  const flags: TestFlags = {
    only,
    scenario: [],
    strict: false,
    timeout: TIMEOUT_MS,
    reporter: ['json', 'junit'],
    out,
    list: false,
    color: false,
    progress: false,
    ...more,
  };
  const started = performance.now();
  const exitCode = await runTestCommand(`127.0.0.1:${server.port}`, flags, quietIo);
  const elapsedMs = performance.now() - started;
  const result = parseRunResult(await readFile(join(out, REPORT_FILES.json), 'utf8'));
  const junit = await readFile(join(out, REPORT_FILES.junit), 'utf8');
  const ran = result.scenarios.filter((s) => s.notRun === undefined);

  // Bounded time: the preflight one timeout (its requests all at once), each scenario one
  // timeout as its whole budget, and the health probe after it at most two (connect, read).
  for (const s of ran) expect(s.durationMs, s.id).toBeLessThanOrEqual(TIMEOUT_MS + SLACK_MS);
  expect(elapsedMs).toBeLessThanOrEqual((ran.length * 3 + 1) * TIMEOUT_MS + SLACK_MS * 2);
  // Reports are written and complete, and the run fails.
  expect(exitCode).toBe(1);
  expect(junit).toContain('<testsuites');
  expect(junit.match(/<testcase /g)).toHaveLength(result.scenarios.length);
  return { result, ran, first: ran[0]! };
}

/** After the first failure the probe finds the server unusable: the rest are not run. */
function expectStoppedAfterOne(result: Awaited<ReturnType<typeof run>>, probeReason: RegExp): void {
  expect(result.ran).toHaveLength(1);
  expect(result.result.summary.ERROR).toBe(result.result.scenarios.length);
  const rest = result.result.scenarios.slice(1);
  expect(rest.every((s) => s.notRun === 'unreachable')).toBe(true);
  expect(rest[0]!.reason).toMatch(
    /^not run: server unreachable since scenario auth\/ok \(probe \(auth\): /,
  );
  expect(rest[0]!.reason).toMatch(probeReason);
}

describe('chatspec test against hostile servers', () => {
  it('a server that accepts and never replies: ERROR "no reply within", the rest not run', async () => {
    const r = await run(await HOSTILE.silent());
    expect(r.first.verdict).toBe('ERROR');
    expect(r.first.reason).toMatch(/no reply within \d+ ms/);
    expectStoppedAfterOne(r, /no reply within/);
  });

  it('a server that closes at once: ERROR "closed by the server before replying"', async () => {
    const r = await run(await HOSTILE.closesAtOnce());
    expect(r.first.reason).toMatch(/connection closed by the server before replying/);
    expectStoppedAfterOne(r, /closed by the server/);
  });

  it('a server that replies forever without a terminator: ERROR at the reply cap (--max-reply), not unbounded memory', async () => {
    // A cap that the server reaches well within the timeout, also on a loaded machine.
    const r = await run(await HOSTILE.endless(), [], { maxReply: 256 * 1024 });
    expect(r.first.verdict).toBe('ERROR');
    expect(r.first.reason).toMatch(
      /reply larger than the harness accepts without a terminator: over 262144 bytes/,
    );
    expectStoppedAfterOne(r, /larger than the harness accepts/);
  });

  it('a server that replies garbage bytes: every scenario it answers is ERROR "unparseable reply", none PASS', async () => {
    const r = await run(await HOSTILE.garbage());
    expect(r.result.summary.PASS).toBe(0);
    expect(r.first.verdict).toBe('ERROR');
    expect(r.first.reason).toMatch(/unparseable reply \(not JSON/);
  });

  it('a server that replies one byte a second: ERROR, the probe names the unterminated bytes', async () => {
    const r = await run(await HOSTILE.trickle());
    expect(r.first.verdict).toBe('ERROR');
    expect(r.first.reason).toMatch(/no (complete )?reply within/);
    expectStoppedAfterOne(
      r,
      /no complete reply within \d+ ms \(\d+ bytes without the \\r\\n\\r\\n terminator\)|no reply within/,
    );
  });

  it('a server that stops reading (its receive buffer fills): each scenario still ends within its budget', async () => {
    const r = await run(await HOSTILE.stopsReading(), [
      'framing/over-long-line',
      'download_file/one-mebibyte',
      'auth/ok',
    ]);
    expect(r.ran).toHaveLength(3);
    expect(r.ran.find((s) => s.id === 'auth/ok')?.verdict).toBe('PASS');
    const flood = r.ran.find((s) => s.id === 'framing/over-long-line')!;
    expect(flood.verdict).not.toBe('PASS');
    expect(flood.reason).toMatch(
      /went out within the time budget|neither answered nor closed|no reply/,
    );
  });

  it('a server that resets the connection mid-reply: ERROR naming the unterminated reply', async () => {
    const r = await run(await HOSTILE.resetsMidReply());
    expect(r.first.verdict).toBe('ERROR');
    expect(r.first.reason).toMatch(
      /closed by the server after \d+ bytes of an unterminated reply|reset/i,
    );
    expectStoppedAfterOne(r, /unterminated reply|reset/i);
  });

  it('a server that answers correctly and then dies: PASS until then, then ERROR "server unreachable since"', async () => {
    const server = await startServer({ port: 0, defects: ['crashes-after-requests=30'] });
    const r = await run({ port: server.port, close: () => server.close() });
    expect(r.result.summary.PASS).toBeGreaterThan(0);
    const gone = r.result.scenarios.filter((s) => s.notRun === 'unreachable');
    expect(gone.length).toBeGreaterThan(0);
    expect(gone[0]!.reason).toMatch(/^not run: server unreachable since scenario \S+ \(/);
  });
});
