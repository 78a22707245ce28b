/**
 * A curve run in the console: one row per step (offered and achieved rate, corrected
 * percentiles, errors, verdict) with a bar of the judged percentile on a log scale, then the
 * knee. Steps are listed in the order they ran; a knee search's steps are not sorted.
 */
import type { RampResult, RampStep } from '../../results/index.js';
import { count, ms, paint, table } from './text.js';

const BAR_WIDTH = 16;

function verdict(step: RampStep, color: boolean): string {
  if (step.passed) return paint('pass', 'green', color);
  const why = [
    ...(step.errors > 0 ? ['errors'] : []),
    ...(!step.keptUp ? ['behind'] : []),
    ...(step.withinSlo === false ? ['over SLO'] : []),
  ];
  return paint(why.join(', '), 'red', color);
}

/** A bar for `value` between 0.01 ms and the largest value, on a log scale. */
function bar(value: number, max: number): string {
  if (!(value > 0) || !(max > 0)) return '';
  const floor = Math.log10(0.01);
  const top = Math.log10(Math.max(max, 0.02));
  const share = (Math.log10(Math.max(value, 0.01)) - floor) / (top - floor);
  return '█'.repeat(Math.max(1, Math.round(share * BAR_WIDTH)));
}

/** The columns of a ramp's step table, in the console and in the HTML page alike. */
export const RAMP_COLUMNS: readonly string[] = [
  'step',
  'offered/s',
  'achieved/s',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'p99.9 ms',
  'errors',
  'verdict',
];

export function renderRamp(result: RampResult, options: { readonly color: boolean }): string {
  const percentile = result.slo?.percentile ?? 'p99';
  const max = Math.max(...result.steps.map((s) => s.latencyMs[percentile]));
  const head = [...RAMP_COLUMNS, `${percentile} (log)`];
  const rows = result.steps.map((s, i) => [
    String(i + 1),
    count(s.offeredPerSec),
    count(s.achievedPerSec),
    ms(s.latencyMs.p50),
    ms(s.latencyMs.p90),
    ms(s.latencyMs.p99),
    ms(s.latencyMs['p99.9']),
    count(s.errors),
    verdict(s, options.color),
    bar(s.latencyMs[percentile], max),
  ]);
  const what = result.mode === 'knee' ? 'Knee search' : 'Ramp';
  const slo = result.slo ? `, SLO ${result.slo.percentile} ≤ ${result.slo.maxMs} ms` : '';
  const header =
    `${what} @ chat://${result.target}: ${result.steps.length} steps of ` +
    `${result.stepDurationMs / 1000} s, open loop, latency from the intended send time${slo}`;
  const knee = result.knee;
  const kneeLine =
    knee.ratePerSec === null
      ? `Knee: below ${count(result.steps[0]?.offeredPerSec ?? 0)} req/s (${knee.note})`
      : `Knee: ${paint(`${count(knee.ratePerSec)} req/s`, 'bold', options.color)} (${knee.note})`;
  const rule =
    'a step passes when replies reach 90 % of the offered rate, nothing failed' +
    (result.slo ? `, and ${result.slo.percentile} is within the SLO` : '');
  return `${[
    header,
    table(head, rows, { color: options.color, align: [...Array(9).fill('right'), 'left'] }),
    kneeLine,
    paint(rule, 'dim', options.color),
  ].join('\n')}\n`;
}
