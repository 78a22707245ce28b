/**
 * `--shard I/N`: N processes, each with the same flags but its index, do exactly the work of
 * one process, and `chatspec load merge` of their results (with `chatspec load drain`'s) is
 * equal to the one process's result: every count, every command's count, the histograms'
 * total counts and the delivery audit exactly; latencies only plausibly (they are measured,
 * and two runs never measure the same). The compiled CLI as separate processes, over real TCP
 * on loopback, against a fresh reference server each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../reference-server/index.js';
import { BIN, runChatspec } from '../cli/support/run-cli.js';
import {
  createBridgedHosts,
  namespacesUnavailable,
  runInNamespace,
  serveInNamespace,
  type BridgedHosts,
} from '../support/netns.js';
import type { LoadReport } from '../../results/index.js';

const SHARDS = 3;
const unavailable = await namespacesUnavailable();
if (unavailable !== undefined)
  console.warn(`sharded load in network namespaces skipped: ${unavailable}`);
const FLAGS = ['-c', '7', '--amount', '301', '-w', 'chat', '--seed', '11', '--audit', '--json'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-shards-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(stdout: string): LoadReport {
  return JSON.parse(stdout) as LoadReport;
}

async function oneProcess(): Promise<LoadReport> {
  const server = await startServer({ host: '127.0.0.1', port: 0 });
  try {
    const run = await runChatspec(['load', `127.0.0.1:${server.port}`, ...FLAGS], 60_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return parse(run.stdout);
  } finally {
    await server.close();
  }
}

async function sharded(
  extra: readonly string[] = [],
): Promise<{ merged: LoadReport; shards: LoadReport[] }> {
  const server = await startServer({ host: '127.0.0.1', port: 0 });
  const target = `127.0.0.1:${server.port}`;
  try {
    const files = Array.from({ length: SHARDS }, (_, i) => join(dir, `shard-${i}.json`));
    const runs = await Promise.all(
      files.map((out, i) =>
        runChatspec(
          ['load', target, ...FLAGS, ...extra, '--shard', `${i}/${SHARDS}`, '--out', out],
          60_000,
        ),
      ),
    );
    for (const run of runs) {
      expect(run.stderr).toBe('');
      // A shard's own audit is not judged yet, and that is not a failure.
      expect(run.code).toBe(0);
    }
    const drainFile = join(dir, 'drain.json');
    const drain = await runChatspec(
      ['load', 'drain', target, '--out', drainFile, '--json'],
      30_000,
    );
    expect(drain.stderr).toBe('');
    expect(drain.code).toBe(0);
    const merge = await runChatspec(['load', 'merge', ...files, drainFile, '--json'], 30_000);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    return { merged: parse(merge.stdout), shards: runs.map((r) => parse(r.stdout)) };
  } finally {
    await server.close();
  }
}

/** The merged shards did what the one process did: every count exactly, latencies plausibly. */
function expectSameWork(whole: LoadReport, merged: LoadReport): void {
  expect(merged.connections).toBe(whole.connections);
  expect(merged.outcomes).toEqual({
    ...whole.outcomes,
    // Bytes depend on session tokens and timing-free texts alike; only counts must match.
    bytesRead: merged.outcomes.bytesRead,
    bytesWritten: merged.outcomes.bytesWritten,
  });
  expect(whole.outcomes.sent).toBe(301);
  expect(whole.outcomes.ok).toBe(301);
  expect(Object.keys(merged.commands).sort()).toEqual(Object.keys(whole.commands).sort());
  for (const [op, c] of Object.entries(whole.commands)) {
    const m = merged.commands[op as keyof typeof merged.commands]!;
    expect({ op, sent: m.sent, ok: m.ok, errors: m.errorReplies }).toEqual({
      op,
      sent: c.sent,
      ok: c.ok,
      errors: c.errorReplies,
    });
  }
  expect(merged.latency.totalCount).toBe(whole.latency.totalCount);
  // Plausibly the same latencies: loopback round trips, both well under a second.
  expect(merged.latency.p50).toBeGreaterThan(0);
  expect(merged.latency.p50).toBeLessThan(Math.max(50, whole.latency.p50 * 20));

  const a = whole.audit!;
  const b = merged.audit!;
  expect(b).toMatchObject({ drained: true, drainedEarly: false, passed: true, lost: 0 });
  expect(a.passed).toBe(true);
  for (const key of [
    'messagesSent',
    'acknowledged',
    'refused',
    'unanswered',
    'expectedDeliveries',
    'delivered',
    'duplicated',
    'reordered',
    'unexpected',
  ] as const) {
    expect({ key, value: b[key] }).toEqual({ key, value: a[key] });
  }
  // Messages crossed shards: a sender's message read by another shard's connection is not lost.
  expect(b.fromOtherRuns).toBe(0);
  expect(merged.problems).toEqual([]);
}

describe('a sharded run', () => {
  it('merges to what one process doing the same work measures', async () => {
    const [whole, { merged, shards }] = await Promise.all([oneProcess(), sharded()]);

    // Each shard ran its share, and its own audit waited for the drain.
    expect(shards.map((s) => s.connections)).toEqual([3, 2, 2]);
    expect(shards.map((s) => s.raw.shard)).toEqual([0, 1, 2].map((index) => ({ index, count: 3 })));
    for (const s of shards) expect(s.audit).toMatchObject({ drained: false, passed: false });

    expectSameWork(whole, merged);
  }, 90_000);

  it('merges the same when each shard spreads its share over worker threads', async () => {
    const [whole, { merged, shards }] = await Promise.all([
      oneProcess(),
      sharded(['--workers', '2']),
    ]);
    // Each shard's workers are merged into that shard's result, which keeps its place.
    expect(shards.map((s) => s.raw.shard)).toEqual([0, 1, 2].map((index) => ({ index, count: 3 })));
    expect(shards.map((s) => s.raw.workers)).toEqual([2, 2, 2]);
    expectSameWork(whole, merged);
  }, 90_000);

  it('reports a missing shard and refuses one given twice', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0 });
    try {
      const target = `127.0.0.1:${server.port}`;
      const out = join(dir, 'only-0.json');
      const run = await runChatspec(
        ['load', target, '-c', '3', '--amount', '30', '--shard', '0/3', '--json', '--out', out],
        30_000,
      );
      expect(run.code).toBe(0);
      const partial = await runChatspec(['load', 'merge', out, out], 20_000);
      expect(partial.code).toBe(2);
      expect(partial.stderr).toMatch(/appears twice/);
      const other = join(dir, 'only-1.json');
      await runChatspec(
        ['load', target, '-c', '3', '--amount', '30', '--shard', '1/3', '--out', other, '--json'],
        30_000,
      );
      const merged = await runChatspec(['load', 'merge', out, other, '--json'], 20_000);
      expect(merged.code).toBe(0);
      expect(
        parse(merged.stdout)
          .problems.map((p) => p.text)
          .join('\n'),
      ).toMatch(/shards missing from the merge \(not the whole run\): 2\/3/);
      const bad = await runChatspec(['load', target, '--shard', '3/3'], 20_000);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--shard must be INDEX\/COUNT/);
    } finally {
      await server.close();
    }
  }, 60_000);

  describe.skipIf(unavailable !== undefined)('in network namespaces', () => {
    let net: BridgedHosts | undefined;
    beforeAll(async () => {
      net = await createBridgedHosts(SHARDS);
    }, 20_000);
    afterAll(async () => {
      await net?.remove();
    }, 15_000);

    it("merges shards run on three namespace hosts to one host's run", async () => {
      const hosts = net!;
      const inNs = (i: number, args: readonly string[]) =>
        runInNamespace(hosts.clients[i]!, BIN, args, 60_000);
      const remote = ['--allow-remote', ...FLAGS];

      let server = await serveInNamespace(hosts.server, BIN);
      let target = `${hosts.server.address}:${server.port}`;
      let whole: LoadReport;
      try {
        const run = await inNs(0, ['load', target, ...remote]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        whole = parse(run.stdout);
      } finally {
        await server.stop();
      }

      server = await serveInNamespace(hosts.server, BIN);
      target = `${hosts.server.address}:${server.port}`;
      try {
        const files = Array.from({ length: SHARDS }, (_, i) => join(dir, `ns-shard-${i}.json`));
        const runs = await Promise.all(
          files.map((out, i) =>
            inNs(i, ['load', target, ...remote, '--shard', `${i}/${SHARDS}`, '--out', out]),
          ),
        );
        for (const run of runs)
          expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
        const drainFile = join(dir, 'ns-drain.json');
        const drain = await inNs(1, [
          'load',
          'drain',
          target,
          '--allow-remote',
          '--out',
          drainFile,
        ]);
        expect(drain.code).toBe(0);
        const merge = await runChatspec(['load', 'merge', ...files, drainFile, '--json'], 30_000);
        expect(merge.code).toBe(0);
        const merged = parse(merge.stdout);
        expect(merged.target).toBe(target);
        expectSameWork(whole, merged);
      } finally {
        await server.stop();
      }
    }, 120_000);
  });
});
