/**
 * A curve run as one self-contained HTML page: latency percentiles (corrected, log scale)
 * against the offered rate as an inline SVG chart, the SLO and the knee marked, and the step
 * table under it. No script, no external resource: the file can be mailed or archived.
 */
import type { RampResult, RampStep, SloPercentile } from '../../results/index.js';
import { RAMP_COLUMNS } from './ramp-text.js';

const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { left: 64, right: 120, top: 24, bottom: 48 } as const;
const SERIES: ReadonlyArray<{ readonly key: SloPercentile; readonly color: string }> = [
  { key: 'p50', color: '#2b7bb9' },
  { key: 'p90', color: '#3a9b5c' },
  { key: 'p99', color: '#d9822b' },
  { key: 'p99.9', color: '#c23030' },
];

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
}

/** Powers of ten covering [lo, hi]. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

function chart(result: RampResult): string {
  const steps = [...result.steps].sort((a, b) => a.offeredPerSec - b.offeredPerSec);
  const values = steps.flatMap((s) => SERIES.map((p) => s.latencyMs[p.key])).filter((v) => v > 0);
  if (result.slo) values.push(result.slo.maxMs);
  const ticks = decades(Math.max(0.001, Math.min(...values, 1)), Math.max(...values, 1));
  const yLo = Math.log10(ticks[0]!);
  const yHi = Math.log10(ticks[ticks.length - 1]!);
  const xMax = Math.max(...steps.map((s) => s.offeredPerSec)) * 1.05;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (rate: number): number => MARGIN.left + (rate / xMax) * plotW;
  const y = (ms: number): number =>
    MARGIN.top + plotH - ((Math.log10(Math.max(ms, ticks[0]!)) - yLo) / (yHi - yLo || 1)) * plotH;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(t)}" y2="${y(t)}" class="grid"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  }
  for (let i = 0; i <= 5; i++) {
    const rate = (xMax / 5) * i;
    parts.push(
      `<text x="${x(rate)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${Math.round(rate).toLocaleString('en-US')}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">offered rate (requests/s)</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">latency (ms, log scale)</text>`,
  );
  if (result.slo) {
    const ys = y(result.slo.maxMs);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${ys}" y2="${ys}" class="slo"/>`,
      `<text x="${MARGIN.left + plotW + 6}" y="${ys + 4}">SLO ${escape(result.slo.percentile)} ${fmt(result.slo.maxMs)} ms</text>`,
    );
  }
  if (result.knee.ratePerSec !== null) {
    const xk = x(result.knee.ratePerSec);
    parts.push(
      `<line x1="${xk}" x2="${xk}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" class="knee"/>`,
      `<text x="${xk + 4}" y="${MARGIN.top + 12}">knee ${result.knee.ratePerSec.toLocaleString('en-US')}/s</text>`,
    );
  }
  for (const [i, series] of SERIES.entries()) {
    const points = steps.map((s) => `${x(s.offeredPerSec)},${y(s.latencyMs[series.key])}`);
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"/>`,
      ...steps.map(
        (s) =>
          `<circle cx="${x(s.offeredPerSec)}" cy="${y(s.latencyMs[series.key])}" r="3" fill="${s.passed ? series.color : '#fff'}" stroke="${series.color}"><title>${escape(series.key)} ${fmt(s.latencyMs[series.key])} ms at ${s.offeredPerSec}/s offered</title></circle>`,
      ),
      `<text x="${MARGIN.left + plotW + 6}" y="${MARGIN.top + 40 + i * 16}" fill="${series.color}">${escape(series.key)}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" class="frame"/>`,
  );
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="latency percentiles against offered rate">${parts.join('')}</svg>`;
}

function row(step: RampStep, index: number): string {
  const cells = [
    String(index + 1),
    step.offeredPerSec.toLocaleString('en-US'),
    Math.round(step.achievedPerSec).toLocaleString('en-US'),
    fmt(step.latencyMs.p50),
    fmt(step.latencyMs.p90),
    fmt(step.latencyMs.p99),
    fmt(step.latencyMs['p99.9']),
    String(step.errors),
    step.passed
      ? 'pass'
      : [
          step.errors > 0 ? 'errors' : '',
          step.keptUp ? '' : 'behind',
          step.withinSlo === false ? 'over SLO' : '',
        ]
          .filter(Boolean)
          .join(', '),
  ];
  return `<tr class="${step.passed ? 'pass' : 'fail'}">${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`;
}

export function renderRampHtml(
  result: RampResult,
  options: { readonly title?: string } = {},
): string {
  const title =
    options.title ??
    `chatspec ${result.mode === 'knee' ? 'knee search' : 'ramp'} @ ${result.target}`;
  const knee =
    result.knee.ratePerSec === null
      ? `Knee: below the lowest rate tried (${result.knee.note}).`
      : `Knee: ${result.knee.ratePerSec.toLocaleString('en-US')} requests/s (${result.knee.note}).`;
  const slo = result.slo ? ` SLO: ${result.slo.percentile} ≤ ${result.slo.maxMs} ms.` : '';
  const head = RAMP_COLUMNS;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:18px}
svg text{font-size:11px;fill:#333}
.grid{stroke:#e3e3e3}.frame{fill:none;stroke:#999}
.slo{stroke:#c23030;stroke-dasharray:6 4}.knee{stroke:#555;stroke-dasharray:2 3}
table{border-collapse:collapse;margin-top:16px}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
tr.fail td:last-child{color:#c23030}tr.pass td:last-child{color:#2d7a3e}
</style></head><body>
<h1>${escape(title)}</h1>
<p>${result.steps.length} steps of ${result.stepDurationMs / 1000} s each, open loop, latency measured from each request's intended send time (coordinated omission corrected).${escape(slo)} ${escape(knee)}</p>
${chart(result)}
<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>${result.steps.map(row).join('')}</tbody></table>
<p>A step passes when replies reach 90 % of the offered rate, no request failed or was refused${result.slo ? ', and the SLO holds' : ''}. Hollow points failed.</p>
</body></html>
`;
}
