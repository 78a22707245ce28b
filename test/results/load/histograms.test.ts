/** Histogram settings and helpers: microseconds in, milliseconds out, exact round trips. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HistogramDecodeError,
  PERCENTILES,
  createLatencyHistogram,
  decodeLatencyHistogram,
  encodeHistogram,
  latencyDistribution,
} from '../../../results/index.js';
import {
  createRateHistogram,
  createRecordingHistogram,
  distributionOf,
  encodeSumOfRecording,
  percentileKey,
  sumEncodedLatency,
} from '../../../results/load/histograms.js';

describe('latency histograms', () => {
  it('round-trip through their encoding', () => {
    const h = createLatencyHistogram();
    for (let v = 1; v <= 10_000; v += 3) h.recordValue(v);
    const back = decodeLatencyHistogram(encodeHistogram(h));
    expect(back.totalCount).toBe(h.totalCount);
    const { max: maxBack, ...restBack } = latencyDistribution(back);
    const { max, ...rest } = latencyDistribution(h);
    expect(restBack).toEqual(rest);
    // The encoding keeps buckets, not the exact maximum: within the 3 significant digits.
    expect(Math.abs(maxBack - max) / max).toBeLessThan(0.001);
    // Once encoded, a histogram is stable: every summary decodes, merged or not.
    expect(latencyDistribution(decodeLatencyHistogram(encodeHistogram(back)))).toEqual(
      latencyDistribution(back),
    );
  });

  it('add recording histograms as they are, exactly as adding their encodings does', () => {
    const parts = [
      createRecordingHistogram(),
      createRecordingHistogram(),
      createRecordingHistogram(),
    ];
    try {
      for (let v = 1; v <= 50_000; v += 7) parts[v % 3]!.recordValue(v * (v % 5 === 0 ? 900 : 1));
      parts[1]!.recordValue(120_000_000); // past the initial range of every part
      const sum = decodeLatencyHistogram(encodeSumOfRecording(parts));
      const viaEncodings = decodeLatencyHistogram(
        sumEncodedLatency(parts.map((p) => encodeHistogram(p))),
      );
      expect(sum.totalCount).toBe(parts.reduce((n, p) => n + p.totalCount, 0));
      expect(latencyDistribution(sum)).toEqual(latencyDistribution(viaEncodings));
      // The parts are left as they were.
      expect(parts[1]!.maxValue).toBeGreaterThanOrEqual(120_000_000);
    } finally {
      for (const p of parts) p.destroy();
    }
  });

  it('report milliseconds with microsecond resolution, in autocannon key spelling', () => {
    const h = createLatencyHistogram();
    for (let i = 0; i < 100; i++) h.recordValue(250); // 0.25 ms
    h.recordValue(120_000_000); // two minutes: past the initial range, still recorded
    const d = latencyDistribution(h);
    expect(d.p50).toBe(0.25);
    expect(d.p97_5).toBe(0.25);
    expect(d.max).toBeGreaterThanOrEqual(119_000);
    expect(d.total).toBe(101);
  });

  it('summarise with exactly the figures HdrHistogram gives one at a time', () => {
    const values = fc.array(
      fc.tuple(fc.integer({ min: 1, max: 90_000_000 }), fc.integer({ min: 1, max: 50 })),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(values, fc.boolean(), (recorded, rate) => {
        const h = rate ? createRateHistogram() : createLatencyHistogram();
        for (const [value, count] of recorded) h.recordValueWithCount(value, count);
        const summary = distributionOf(h, { decimals: 6 });
        const scale = (v: number): number => Math.round(v * 1e6) / 1e6;
        for (const p of PERCENTILES) {
          expect(summary[percentileKey(p)]).toBe(scale(h.getValueAtPercentile(p)));
        }
        expect(summary.mean).toBe(scale(h.mean));
        expect(summary.stddev).toBe(scale(h.stdDeviation));
      }),
      { numRuns: 100 },
    );
  });

  it('summarise an empty histogram as zeros', () => {
    const d = latencyDistribution(createLatencyHistogram());
    expect(d).toMatchObject({ p50: 0, min: 0, max: 0, mean: 0, total: 0 });
  });

  it('refuse what is not an encoded histogram', () => {
    expect(() => decodeLatencyHistogram('not base64 at all', 'a.json latency')).toThrow(
      HistogramDecodeError,
    );
  });
});
