/**
 * Parallel fuzzing over real TCP on loopback: 200 cases against the reference server pass
 * (every history has an explaining interleaving); a lost update under concurrent sends and
 * a message handed to two concurrent inbox reads are caught, shrunk to two short branches,
 * and replayed from seed and path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FuzzResult, ParallelFailureDetail } from '../../../results/fuzz.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { startDouble, type RunningDouble } from './support/double-server.js';
import { doubleDeliveryOnInbox, lostUpdateOnSend } from './support/defects.js';
import { fuzz } from './support/fuzz.js';

function parallelDetail(result: FuzzResult): ParallelFailureDetail {
  const detail = result.failure?.detail;
  if (detail?.kind !== 'parallel')
    throw new Error(`no parallel failure: ${JSON.stringify(result.failure)}`);
  return detail;
}

describe('against the reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('passes 200 cases (the CI budget: --max-commands 15, three branches)', async () => {
    const result = await fuzz(server.port, { mode: 'parallel', runs: 200, seed: 20_260_102 });
    expect(result.failure).toBeUndefined();
    expect(result.stats.runs).toBe(200);
    expect(result.stats.inconclusive).toBe(0);
    expect(result.notes).toEqual([]);
  });
});

describe('against servers that break under concurrency', () => {
  const doubles: RunningDouble[] = [];
  afterAll(async () => {
    await Promise.all(doubles.map((d) => d.close()));
  });

  it('catches a message lost when two sends reach one inbox at once, shrunk to two branches', async () => {
    const double = await startDouble(lostUpdateOnSend(5));
    doubles.push(double);
    const result = await fuzz(double.port, { mode: 'parallel', runs: 200, seed: 1 });
    expect(result.passed).toBe(false);
    const detail = parallelDetail(result);
    expect(detail.prefix).toEqual([]);
    // Two deliveries to one inbox in two branches, at most one more step to line up the timing.
    expect(detail.branches.filter((b) => b.length > 0)).toHaveLength(2);
    expect(detail.branches.flat().length).toBeLessThanOrEqual(3);
    expect(detail.branches.flat().some((s) => /^send /.test(s.request))).toBe(true);
    expect(result.failure!.reason).toMatch(/no interleaving/);
    expect(result.failure!.reason).toMatch(/lost/);
    expect(detail.closestOrder).not.toBe('');
  });

  it('catches one message handed to two concurrent inbox reads', async () => {
    const double = await startDouble(doubleDeliveryOnInbox(2));
    doubles.push(double);
    const result = await fuzz(double.port, { mode: 'parallel', runs: 200, seed: 2 });
    expect(result.passed).toBe(false);
    const detail = parallelDetail(result);
    const reads = detail.branches.flat().filter((s) => /^inbox /.test(s.request));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(detail.prefix.length + detail.branches.flat().length).toBeLessThanOrEqual(4);
    expect(result.failure!.requirement).toBe('INBOX-2');
  });

  it('replays the shrunk history from its seed and path', async () => {
    const double = await startDouble(lostUpdateOnSend(5));
    doubles.push(double);
    const found = await fuzz(double.port, { mode: 'parallel', runs: 200, seed: 3 });
    const failure = found.failure!;
    const replayed = await fuzz(double.port, {
      mode: 'parallel',
      runs: 200,
      seed: failure.seed,
      path: failure.path,
    });
    expect(replayed.passed).toBe(false);
    const requests = (r: FuzzResult): string[][] =>
      parallelDetail(r).branches.map((b) => b.map((s) => s.request));
    expect(requests(replayed)).toEqual(requests(found));
  });

  it('passes the same servers in sequential mode: the defects need concurrency', async () => {
    const double = await startDouble(doubleDeliveryOnInbox(2));
    doubles.push(double);
    const result = await fuzz(double.port, { runs: 20, seed: 4 });
    expect(result.failure).toBeUndefined();
  });
});
