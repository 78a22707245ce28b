/** Histogram settings and helpers: microseconds in, milliseconds out, exact round trips. */
import { describe, expect, it } from 'vitest';
import {
  HistogramDecodeError,
  createLatencyHistogram,
  decodeLatencyHistogram,
  encodeHistogram,
  latencyDistribution,
} from '../../../results/index.js';

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
