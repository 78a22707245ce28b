/**
 * Curves over real TCP on loopback against the reference server: a ramp of four open-loop
 * steps (each a whole run, judged, its histograms kept for merging), and a knee search
 * against a server whose capacity is capped on purpose (`slow-replies=20`: every reply waits
 * 20 ms, so two connections cannot answer much more than 2 × 1000/20 = 100 requests/s).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { RampRun, presetWorkload, resolveLoadOptions } from '../../load/index.js';
import {
  mergeRampDocuments,
  parseRamp,
  parseSlo,
  rampFromDocument,
  rampRates,
} from '../../results/index.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('ramp and knee', () => {
  it('parses ramps and SLOs, and refuses bad ones with the flag named', () => {
    expect(rampRates(parseRamp('100:400:4'))).toEqual([100, 200, 300, 400]);
    expect(parseRamp('50:60').steps).toBe(5);
    expect(parseSlo('p99.9=12.5')).toEqual({ percentile: 'p99.9', maxMs: 12.5 });
    expect(() => parseRamp('400:100')).toThrow(/--ramp TO must not be below FROM/);
    expect(() => parseRamp('1:2:0')).toThrow(/--ramp STEPS/);
    expect(() => parseRamp('fast')).toThrow(/--ramp must be FROM:TO/);
    expect(() => parseSlo('p42=10')).toThrow(/--slo must be PERCENTILE=MS/);
  });

  it('runs a ramp of four steps, each judged, and merges its document back exactly', async () => {
    server = await startServer({ host: '127.0.0.1', port: 0 });
    const options = resolveLoadOptions({
      host: '127.0.0.1',
      port: server.port,
      connections: 4,
      durationMs: 1000,
      workload: presetWorkload('chat')!,
      seed: 3,
    });
    const ramp = new RampRun(options, { kind: 'ramp', plan: parseRamp('40:160:4') }, undefined);
    const started: number[] = [];
    ramp.on('step-start', (s) => started.push(s.ratePerSec));
    const result = await ramp.run();
    expect(started).toEqual([40, 80, 120, 160]);
    expect(result.steps.map((s) => s.offeredPerSec)).toEqual([40, 80, 120, 160]);
    for (const step of result.steps) {
      expect(step.report.ratePerSec).toBe(step.offeredPerSec);
      // Open loop: about as many replies as offered, never far more.
      expect(step.achievedPerSec).toBeGreaterThan(step.offeredPerSec * 0.5);
      expect(step.achievedPerSec).toBeLessThan(step.offeredPerSec * 1.3);
      expect(step.latencyMs.p50).toBeGreaterThan(0);
      expect(step.latencyMs.p50).toBeLessThanOrEqual(step.latencyMs.p99);
      expect(step.latencyMs.p99).toBeLessThanOrEqual(step.latencyMs['p99.9']);
      expect(step.errors).toBe(0);
      expect(step.report.raw.latencyUncorrected).toBeDefined();
    }
    // The JSON keeps every step's histograms: read back and merged, the counts are the same.
    const doc = rampFromDocument(JSON.parse(JSON.stringify(result)), 'ramp.json');
    const again = mergeRampDocuments([doc]);
    expect(again.steps.map((s) => s.replies)).toEqual(result.steps.map((s) => s.replies));
    expect(again.steps.map((s) => s.latencyMs)).toEqual(result.steps.map((s) => s.latencyMs));
  }, 30_000);

  it('finds the knee of a server with a capped capacity', async () => {
    server = await startServer({ host: '127.0.0.1', port: 0, defects: ['slow-replies=20'] });
    const options = resolveLoadOptions({
      host: '127.0.0.1',
      port: server.port,
      connections: 2,
      durationMs: 1000,
      workload: presetWorkload('chat')!,
      seed: 5,
    });
    const search = new RampRun(
      options,
      { kind: 'knee', fromPerSec: 20, toPerSec: 2000 },
      parseSlo('p99=150'),
    );
    const result = await search.run();
    const { knee, steps } = result;
    expect(steps[0]).toMatchObject({ offeredPerSec: 20, passed: true });
    expect(knee.ratePerSec).not.toBeNull();
    expect(knee.failedAtPerSec).not.toBeNull();
    // Capacity is at most 100/s (less with timer slack): the knee is below it, and a rate
    // beyond it failed for falling behind or for latency.
    expect(knee.ratePerSec!).toBeGreaterThanOrEqual(20);
    expect(knee.ratePerSec!).toBeLessThanOrEqual(110);
    expect(knee.failedAtPerSec!).toBeGreaterThan(knee.ratePerSec!);
    const failed = steps.find((s) => s.offeredPerSec === knee.failedAtPerSec)!;
    expect(failed.keptUp === false || failed.withinSlo === false).toBe(true);
    // The search narrowed the gap rather than stopping at the first failure.
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps.length).toBeLessThanOrEqual(20);
  }, 60_000);
});
