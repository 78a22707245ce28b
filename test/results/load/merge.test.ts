/**
 * One aggregation path: results of several engines, workers or machines merge exactly.
 * Two half-runs merge to the counts and percentiles of the whole (histograms are added, not
 * averaged), per-second samples of the same second add up, and nothing is lost on the way.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadEngine, presetWorkload, resolveLoadOptions } from '../../../load/index.js';
import {
  MergeError,
  RAW_FORMAT,
  createLatencyHistogram,
  encodeHistogram,
  mergeRawResults,
  summarize,
  type RawLoadResult,
} from '../../../results/index.js';
import { canonicalDialect } from '../../../specs/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';

function encoded(values: readonly number[]): string {
  const h = createLatencyHistogram();
  for (const v of values) h.recordValue(v);
  return encodeHistogram(h);
}

let nextRun = 0;

/** A raw result whose `send` replies took `latencyUs`, with the given per-second samples. */
function rawOf(
  latencyUs: readonly number[],
  samples: ReadonlyArray<readonly [number, number, number]>,
  interval: readonly [number, number],
): RawLoadResult {
  const n = latencyUs.length;
  const counts = {
    sent: n + 2,
    ok: n,
    errorReplies: 0,
    timeouts: 1,
    connectionErrors: 0,
    protocolViolations: 0,
    unfinished: 1,
    mismatches: 0,
  };
  return {
    format: RAW_FORMAT,
    runIds: [`run${++nextRun}`],
    title: null,
    target: '127.0.0.1:8889',
    workload: { name: 'send', description: '', mix: 'send:100', fileSizeBytes: 0, messageBytes: 0 },
    connections: 3,
    pipelining: 1,
    ratePerSec: null,
    workers: 0,
    seed: 1,
    intervals: [interval],
    totals: { ...counts, bytesRead: 10 * n, bytesWritten: 20 * n },
    commands: { send: { ...counts, latency: encoded(latencyUs) } },
    latency: encoded(latencyUs),
    connects: { attempts: 3, ok: 3, failed: 0, dropped: 0, latency: encoded([100, 200, 300]) },
    samples,
    problems: { 'no reply within 2000 ms': 1 },
    stoppedEarly: false,
  };
}

const T0 = 1_700_000_000;

describe('merging raw results', () => {
  it('two half-runs merge to the counts and every percentile of the whole', () => {
    const values = Array.from({ length: 2000 }, (_, i) => 50 + ((i * 7919) % 100_000));
    const first = values.filter((_, i) => i % 3 === 0);
    const second = values.filter((_, i) => i % 3 !== 0);
    const samples = (k: number): Array<[number, number, number]> => [
      [T0, 0, 0],
      [T0 + 1, 100 * k, 1000 * k],
      [T0 + 2, 50 * k, 500 * k],
    ];
    const interval: [number, number] = [T0 * 1000 + 500, (T0 + 3) * 1000];
    const merged = summarize(
      mergeRawResults([rawOf(first, samples(1), interval), rawOf(second, samples(2), interval)]),
    );
    const whole = summarize(rawOf(values, samples(3), interval));

    expect(merged.latency).toEqual(whole.latency);
    expect(merged.commands.send!.latency).toEqual(whole.commands.send!.latency);
    expect(merged.outcomes.ok).toBe(values.length);
    expect(merged.outcomes.sent).toBe(values.length + 4);
    expect(merged.outcomes.timeouts).toBe(2);
    expect(merged.outcomes.bytesRead).toBe(whole.outcomes.bytesRead);
    // Same seconds from engines running side by side add up: the run's own rate.
    const { sent: _mergedSent, ...mergedRate } = merged.requests;
    const { sent: _wholeSent, ...wholeRate } = whole.requests;
    expect(mergedRate).toEqual(wholeRate);
    expect(merged.throughput).toEqual(whole.throughput);
    expect(merged.connects.attempts).toBe(6);
    expect(merged.problems).toEqual([{ text: 'no reply within 2000 ms', count: 2 }]);
  });

  it('any split of any values merges to the percentiles of the whole (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5_000_000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 300,
        }),
        (entries) => {
          const values = entries.map(([v]) => v);
          const a = entries.filter(([, left]) => left).map(([v]) => v);
          const b = entries.filter(([, left]) => !left).map(([v]) => v);
          const interval: [number, number] = [T0 * 1000, T0 * 1000 + 500];
          const merged = summarize(
            mergeRawResults([rawOf(a, [], interval), rawOf(b, [], interval)]),
          );
          const whole = summarize(rawOf(values, [], interval));
          expect(merged.latency).toEqual(whole.latency);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps the samples of runs one after the other, and counts time once', () => {
    const a = rawOf(
      [100],
      [
        [T0, 5, 50],
        [T0 + 1, 7, 70],
      ],
      [T0 * 1000, (T0 + 2) * 1000],
    );
    const b = rawOf([200], [[T0 + 10, 9, 90]], [(T0 + 10) * 1000, (T0 + 11) * 1000]);
    const merged = mergeRawResults([a, b]);
    expect(merged.samples).toEqual([
      [T0, 5, 50],
      [T0 + 1, 7, 70],
      [T0 + 10, 9, 90],
    ]);
    const report = summarize(merged);
    // The gap between the runs is not run time.
    expect(report.duration).toBe(3);
    expect(report.samples).toBe(3);
    expect(report.requests.min).toBe(5);
    expect(report.requests.max).toBe(9);
  });

  it('counts only seconds the run covered whole in the per-second distributions', () => {
    const raw = rawOf(
      [100],
      [
        [T0, 1, 10],
        [T0 + 1, 1000, 10_000],
        [T0 + 2, 3, 30],
      ],
      [T0 * 1000 + 800, (T0 + 2) * 1000 + 100],
    );
    const report = summarize(raw);
    expect(report.samples).toBe(1);
    expect(report.requests.p50).toBe(1000);
    expect(report.requests.min).toBe(1000);
  });

  it('refuses the same result twice and results of another format', () => {
    const a = rawOf([100], [], [T0 * 1000, T0 * 1000 + 10]);
    expect(() => mergeRawResults([a, a])).toThrow(MergeError);
    expect(() => mergeRawResults([{ ...a, format: 'other' } as unknown as RawLoadResult])).toThrow(
      /format/,
    );
    expect(() => mergeRawResults([])).toThrow(MergeError);
  });
});

describe('merging real half-runs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('two engines side by side merge to the sum of their counts and a mixed distribution', async () => {
    const options = resolveLoadOptions({
      host: '127.0.0.1',
      port: server.port,
      connections: 4,
      durationMs: 1300,
      workload: presetWorkload('chat')!,
      seed: 3,
    });
    const halves = [0, 1].map(
      (i) =>
        new LoadEngine(
          options,
          {
            workerIndex: i + 1,
            connectionOffset: 2 * i,
            connections: 2,
            ratePerSec: undefined,
            amount: undefined,
          },
          canonicalDialect,
        ),
    );
    const [a, b] = await Promise.all(halves.map((engine) => engine.run()));
    const merged = summarize(mergeRawResults([a!, b!]));
    const [ra, rb] = [summarize(a!), summarize(b!)];

    expect(merged.connections).toBe(4);
    expect(merged.raw.runIds).toHaveLength(2);
    for (const key of ['sent', 'ok', 'errorReplies', 'unfinished'] as const) {
      expect(merged.outcomes[key]).toBe(ra.outcomes[key] + rb.outcomes[key]);
    }
    expect(merged.commands.send!.sent).toBe(ra.commands.send!.sent + rb.commands.send!.sent);
    expect(merged.latency.totalCount).toBe(ra.latency.totalCount + rb.latency.totalCount);
    expect(merged.latency.max).toBe(Math.max(ra.latency.max, rb.latency.max));
    expect(merged.latency.min).toBe(Math.min(ra.latency.min, rb.latency.min));
    // A mixture's quantiles lie between its parts' quantiles.
    for (const p of ['p50', 'p90', 'p99'] as const) {
      expect(merged.latency[p]).toBeGreaterThanOrEqual(Math.min(ra.latency[p], rb.latency[p]));
      expect(merged.latency[p]).toBeLessThanOrEqual(Math.max(ra.latency[p], rb.latency[p]));
    }
    // Samples of the same wall-clock second are summed, so totals are kept exactly.
    const sum = (r: typeof merged) => r.raw.samples.reduce((n, s) => n + s[1], 0);
    expect(sum(merged)).toBe(sum(ra) + sum(rb));
    expect(sum(merged)).toBe(merged.outcomes.ok + merged.outcomes.errorReplies);
  });
});
