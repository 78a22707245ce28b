/**
 * HdrHistogram's percentile plot: latency against percentile on the "nines" axis, where x is
 * log10(1 / (1 - p)) so that 90 %, 99 %, 99.9 % and 99.99 % are evenly spaced and the tail,
 * where stalls hide, gets as much room as the median. Points are read from the histogram
 * itself (several per decade), never interpolated between a few reported percentiles.
 */
import type { Histogram } from 'hdr-histogram-js';
import { lineChart, type Series, type Tick } from './line-chart.js';

/** Points per factor of ten on the nines axis. */
const STEPS_PER_NINE = 8;

/** [nines, latency in ms] from a µs histogram, up to the percentile its count can resolve. */
export function ninesPoints(histogram: Histogram): Array<[number, number]> {
  const count = histogram.totalCount;
  if (count === 0) return [];
  const maxNines = Math.max(1, Math.log10(count));
  const points: Array<[number, number]> = [];
  for (let k = 0; k / STEPS_PER_NINE < maxNines; k++) {
    const nines = k / STEPS_PER_NINE;
    const percentile = 100 * (1 - 10 ** -nines);
    points.push([nines, histogram.getValueAtPercentile(percentile) / 1000]);
  }
  points.push([maxNines, histogram.maxValue / 1000]);
  return points;
}

const LABELS = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%', '99.9999%', '99.99999%'];

export function ninesTicks(maxNines: number): Tick[] {
  const top = Math.max(2, Math.ceil(maxNines));
  return Array.from({ length: Math.min(top, LABELS.length - 1) + 1 }, (_, i) => ({
    value: i,
    label: LABELS[i]!,
  }));
}

export function ninesChart(id: string, title: string, series: readonly Series[]): string {
  const maxNines = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p[0])));
  return lineChart({
    id,
    title,
    xLabel: 'percentile (log scale of 1/(1−p))',
    yLabel: 'latency (ms)',
    series,
    xTicks: ninesTicks(maxNines),
  });
}
