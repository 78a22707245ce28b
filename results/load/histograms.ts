/**
 * Every histogram setting of the load generator, in one place, with the encode and decode
 * helpers that raw results use. Latency is recorded in microseconds (autocannon records whole
 * milliseconds, which hides everything a loopback server does in under 1 ms) and reported in
 * milliseconds. Histograms travel encoded (HdrHistogram's compressed base64), so results of
 * several workers or machines merge by adding histograms, never by averaging percentiles.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram };

/** Microseconds per millisecond: latency is recorded in µs and shown in ms. */
export const MICROS_PER_MS = 1000;

const LATENCY_SETTINGS = Object.freeze({
  bitBucketSize: 32,
  autoResize: true,
  lowestDiscernibleValue: 1,
  // 60 s; autoResize grows it for anything slower, so nothing is ever dropped.
  highestTrackableValue: 60_000_000,
  numberOfSignificantValueDigits: 3,
} as const);

const RATE_SETTINGS = Object.freeze({
  bitBucketSize: 64,
  autoResize: true,
  lowestDiscernibleValue: 1,
  highestTrackableValue: 1_000_000_000,
  numberOfSignificantValueDigits: 3,
} as const);

/** A latency histogram, recording microseconds. */
export function createLatencyHistogram(): Histogram {
  return hdr.build(LATENCY_SETTINGS);
}

let wasmReady: boolean | undefined;

/**
 * A latency histogram for the hot path: the WebAssembly build records a value in about a
 * fifth of the JavaScript one's time (no Math.pow and Math.log2 per value). Its memory lives
 * outside the JS heap: call `destroy()` once it has been encoded. Falls back to the
 * JavaScript build where WebAssembly cannot start. Both encode to the same format.
 */
export function createRecordingHistogram(): Histogram {
  return hdr.build({ ...LATENCY_SETTINGS, useWebAssembly: prepareRecordingHistograms() });
}

/**
 * Starts the WebAssembly build once per thread (tens of milliseconds): a load engine does it
 * before its first connection, so the first reply does not stall every request in flight.
 * Whether the WebAssembly build is in use.
 */
export function prepareRecordingHistograms(): boolean {
  if (wasmReady === undefined) {
    try {
      hdr.initWebAssemblySync();
      wasmReady = true;
    } catch {
      wasmReady = false;
    }
  }
  return wasmReady;
}

/**
 * The sum of recording histograms (all from createRecordingHistogram, so of one build),
 * encoded. They are added as they are, bucket by bucket (exact), without encoding and
 * decoding each: a WebAssembly histogram adds only its own kind.
 */
export function encodeSumOfRecording(histograms: readonly Histogram[]): string {
  const total = createRecordingHistogram();
  try {
    for (const h of histograms) total.add(h);
    return encodeHistogram(total);
  } finally {
    total.destroy();
  }
}

/** A histogram of per-second samples (requests or bytes in one second). */
export function createRateHistogram(): Histogram {
  return hdr.build(RATE_SETTINGS);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Thrown for an encoded histogram that cannot be decoded; the message names its owner. */
export class HistogramDecodeError extends Error {
  override readonly name = 'HistogramDecodeError';
}

/** Decodes an encoded latency histogram into one with the latency settings. */
export function decodeLatencyHistogram(encoded: string, what = 'histogram'): Histogram {
  const into = createLatencyHistogram();
  addEncoded(into, encoded, what);
  return into;
}

/** Adds an encoded histogram's counts into `into` (exact: counts are summed bucket by bucket). */
export function addEncoded(into: Histogram, encoded: string, what = 'histogram'): void {
  let decoded: Histogram;
  try {
    decoded = hdr.decodeFromCompressedBase64(encoded);
  } catch (error) {
    throw new HistogramDecodeError(`${what}: not an encoded HdrHistogram`, { cause: error });
  }
  into.add(decoded);
}

/** Adds several encoded latency histograms into one encoded histogram. */
export function sumEncodedLatency(encoded: readonly string[], what = 'histogram'): string {
  const sum = createLatencyHistogram();
  for (const one of encoded) addEncoded(sum, one, what);
  return encodeHistogram(sum);
}

/** The percentiles autocannon reports, in its key spelling (`p97_5`). */
export const PERCENTILES = [
  0.001, 0.01, 0.1, 1, 2.5, 10, 25, 50, 75, 90, 97.5, 99, 99.9, 99.99, 99.999,
] as const;

export type PercentileKey =
  | 'p0_001'
  | 'p0_01'
  | 'p0_1'
  | 'p1'
  | 'p2_5'
  | 'p10'
  | 'p25'
  | 'p50'
  | 'p75'
  | 'p90'
  | 'p97_5'
  | 'p99'
  | 'p99_9'
  | 'p99_99'
  | 'p99_999';

/** A distribution as autocannon reports it (its `Histogram` result type). */
export type DistributionStats = Record<PercentileKey, number> & {
  readonly average: number;
  readonly mean: number;
  readonly stddev: number;
  readonly min: number;
  readonly max: number;
  /** Values recorded (latency) or the total of the quantity (requests, bytes). */
  readonly total: number;
};

export function percentileKey(percentile: number): PercentileKey {
  return `p${String(percentile).replace('.', '_')}` as PercentileKey;
}

/** The parts of HdrHistogram's JavaScript build that walk its counts by index. */
interface CountsByIndex {
  readonly countsArrayLength: number;
  getCountAtIndex(index: number): number;
  valueFromIndex(index: number): number;
  highestEquivalentValue(value: number): number;
  medianEquivalentValue(value: number): number;
}

function hasCountsByIndex(histogram: Histogram): histogram is Histogram & CountsByIndex {
  return (
    typeof (histogram as Partial<CountsByIndex>).getCountAtIndex === 'function' &&
    typeof (histogram as Partial<CountsByIndex>).countsArrayLength === 'number'
  );
}

/** HdrHistogram's unit in the last place, as its getValueAtPercentile rounds with it. */
const ulp = (x: number): number => 2 ** (Math.floor(Math.log2(x)) - 52);

/**
 * Every percentile of PERCENTILES, the mean and the standard deviation in one walk over the
 * counts, with HdrHistogram's own arithmetic (so the figures are exactly its own). Asking it
 * one figure at a time walks the counts once per percentile and the mean three times through
 * its iterator objects: most of the time a run's summary took.
 */
function statsOf(histogram: Histogram): {
  readonly percentiles: readonly number[];
  readonly mean: number;
  readonly stddev: number;
} {
  if (histogram.totalCount === 0) {
    return { percentiles: PERCENTILES.map(() => 0), mean: 0, stddev: 0 };
  }
  if (!hasCountsByIndex(histogram)) {
    return {
      percentiles: PERCENTILES.map((p) => histogram.getValueAtPercentile(p)),
      mean: histogram.mean,
      stddev: histogram.stdDeviation,
    };
  }
  const total = histogram.totalCount;
  // PERCENTILES ascend, so their counts do too and one forward walk meets each in turn.
  const wanted = PERCENTILES.map((p) => {
    const fp = (Math.min(p, 100) / 100) * total;
    return Math.max(Math.ceil(fp - ulp(fp)), 1);
  });
  const percentiles: number[] = PERCENTILES.map(() => 0);
  const recorded: number[] = [];
  let next = 0;
  let seen = 0;
  let totalValue = 0;
  for (let i = 0; i < histogram.countsArrayLength && seen < total; i++) {
    const count = histogram.getCountAtIndex(i);
    if (count === 0) continue;
    seen += count;
    const value = histogram.valueFromIndex(i);
    while (next < wanted.length && seen >= wanted[next]!) {
      // The top of the bucket, as getValueAtPercentile gives for every percentile above 0.
      percentiles[next++] = histogram.highestEquivalentValue(value);
    }
    recorded.push(i);
    totalValue += histogram.medianEquivalentValue(value) * count;
  }
  const mean = totalValue / total;
  let deviationTotal = 0;
  for (const i of recorded) {
    const deviation = histogram.medianEquivalentValue(histogram.valueFromIndex(i)) - mean;
    deviationTotal += deviation * deviation * histogram.getCountAtIndex(i);
  }
  return { percentiles, mean, stddev: Math.sqrt(deviationTotal / total) };
}

/**
 * Summarises a histogram, dividing every value by `divisor` (1000 turns µs into ms) and
 * rounding to `decimals`. An empty histogram gives zeros, not HdrHistogram's sentinels.
 */
export function distributionOf(
  histogram: Histogram,
  options: {
    readonly divisor?: number;
    readonly decimals?: number;
    readonly total?: number;
    /** Zeros were recorded: HdrHistogram's minimum skips them, so say so. */
    readonly hasZero?: boolean;
  } = {},
): DistributionStats {
  const divisor = options.divisor ?? 1;
  const factor = 10 ** (options.decimals ?? 2);
  const scale = (value: number): number => Math.round((value / divisor) * factor) / factor;
  const empty = histogram.totalCount === 0;
  const { percentiles, mean: rawMean, stddev } = statsOf(histogram);
  const stats: Record<string, number> = {};
  PERCENTILES.forEach((p, i) => {
    stats[percentileKey(p)] = empty ? 0 : scale(percentiles[i]!);
  });
  const mean = empty ? 0 : scale(rawMean);
  return {
    ...(stats as Record<PercentileKey, number>),
    average: mean,
    mean,
    stddev: empty ? 0 : scale(stddev),
    min: empty || options.hasZero ? 0 : scale(histogram.minNonZeroValue),
    max: empty ? 0 : scale(histogram.maxValue),
    total: options.total ?? histogram.totalCount,
  };
}

/** Latency in milliseconds with microsecond resolution. */
export function latencyDistribution(histogram: Histogram): DistributionStats {
  return distributionOf(histogram, { divisor: MICROS_PER_MS, decimals: 3 });
}
