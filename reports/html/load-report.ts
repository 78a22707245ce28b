/**
 * The HTML report of a load run: the summary figures, the latency-percentile plot on the
 * nines axis (corrected and uncorrected in an open loop), requests per second over time, the
 * per-command table, the outcomes and problems, and the audit. Drawn from the result alone;
 * the latency curves are read from the encoded HdrHistograms the result carries.
 */
import { decodeLatencyHistogram, type LoadReport } from '../../results/index.js';
import { html } from './escape.js';
import { renderPage } from './page.js';
import { lineChart, type Series } from './svg/line-chart.js';
import { ninesChart, ninesPoints } from './svg/nines.js';
import { badge, cards } from './verdict.js';

/** One colour per series, in order; distinguishable in print and by most colour-blind readers. */
export const SERIES_COLORS = [
  '#0969da',
  '#cf222e',
  '#1a7f37',
  '#9a6700',
  '#8250df',
  '#bf3989',
  '#1b7c83',
  '#6e7781',
];

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function latencySeries(report: LoadReport): Series[] {
  const series: Series[] = [
    {
      name: report.raw.latencyUncorrected ? 'corrected (from the intended send time)' : 'latency',
      color: SERIES_COLORS[0]!,
      points: ninesPoints(decodeLatencyHistogram(report.raw.latency, 'latency')),
    },
  ];
  if (report.raw.latencyUncorrected) {
    series.push({
      name: 'uncorrected (from the actual send time)',
      color: SERIES_COLORS[1]!,
      dashed: true,
      points: ninesPoints(
        decodeLatencyHistogram(report.raw.latencyUncorrected, 'uncorrected latency'),
      ),
    });
  }
  return series;
}

function commandSeries(report: LoadReport): Series[] {
  return Object.entries(report.raw.commands).map(([op, c], i) => ({
    name: op,
    color: SERIES_COLORS[i % SERIES_COLORS.length]!,
    points: ninesPoints(decodeLatencyHistogram(c!.latency, `${op} latency`)),
  }));
}

/** Requests (and, where the result records them, errors) per wall-clock second. */
function timeline(report: LoadReport): string {
  const samples = [...report.raw.samples].sort((a, b) => a[0] - b[0]);
  if (samples.length === 0) return '<p class="note">No per-second samples.</p>';
  const first = samples[0]![0];
  const series: Series[] = [
    {
      name: 'replies/s',
      color: SERIES_COLORS[0]!,
      points: samples.map((s) => [s[0] - first, s[1]]),
    },
  ];
  const withErrors = samples.filter((s) => typeof (s as readonly number[])[3] === 'number');
  if (withErrors.length > 0) {
    series.push({
      name: 'errors/s',
      color: SERIES_COLORS[1]!,
      points: withErrors.map((s) => [s[0] - first, (s as readonly number[])[3]!]),
    });
  }
  return (
    lineChart({
      id: 'chart-timeline',
      title: 'Replies per second over the run',
      xLabel: 'seconds since the start',
      yLabel: 'per second',
      series,
    }) +
    (withErrors.length === 0
      ? `<p class="note">This result records no errors per second; errors in all: ${report.errors} ` +
        `(${report.timeouts} timeouts), ERROR replies: ${report.non2xx}. The first and last seconds are partial.</p>`
      : '<p class="note">The first and last seconds are partial.</p>')
  );
}

function commandTable(report: LoadReport): string {
  const rows = Object.entries(report.commands).map(([op, c]) => {
    const l = c!.latency;
    return (
      `<tr><td class="mono">${html(op)}</td>` +
      [
        c!.sent,
        c!.ok,
        c!.errorReplies,
        c!.timeouts,
        c!.connectionErrors,
        c!.protocolViolations,
        c!.mismatches,
      ]
        .map((n) => `<td class="num">${n}</td>`)
        .join('') +
      [l.p50, l.p90, l.p99, l.p99_9, l.max].map((v) => `<td class="num">${ms(v)}</td>`).join('') +
      `</tr>`
    );
  });
  return (
    `<table id="commands"><thead><tr><th>command</th><th>sent</th><th>OK</th><th>ERROR</th><th>timeouts</th>` +
    `<th>conn. failed</th><th>violations</th><th>mismatches</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function auditSection(report: LoadReport): string {
  const a = report.audit;
  if (a === undefined) return '';
  const examples = (
    [
      ['lost', a.examples.lost],
      ['duplicated', a.examples.duplicated],
      ['out of order', a.examples.reordered],
      ['misdelivered', a.examples.unexpected],
    ] as const
  ).flatMap(([name, list]) => list.map((e) => `<li>${html(name)}: ${html(e)}</li>`));
  return (
    `<h2>Audit ${badge(a.passed ? 'PASS' : 'FAIL')}</h2>` +
    `<table id="audit"><tbody>` +
    (
      [
        ['messages sent', a.messagesSent],
        ['acknowledged', a.acknowledged],
        ['refused', a.refused],
        ['unanswered', a.unanswered],
        ['deliveries expected', a.expectedDeliveries],
        ['delivered', a.delivered],
        ['lost', a.lost],
        ['duplicated', a.duplicated],
        ['out of order', a.reordered],
        ['misdelivered', a.unexpected],
        ['delivered though the reply never came', a.deliveredWithoutAck],
      ] as const
    )
      .map(([label, n]) => `<tr><th>${label}</th><td class="num">${n}</td></tr>`)
      .join('') +
    `</tbody></table>${examples.length > 0 ? `<ul>${examples.join('')}</ul>` : ''}`
  );
}

export function renderLoadHtml(report: LoadReport): string {
  const open = report.ratePerSec !== null;
  const l = report.latency;
  const commands = commandSeries(report);
  return renderPage({
    title: `chatspec load: ${report.target}`,
    body:
      `<h1>Load report: ${html(report.target)}${report.title ? ` — ${html(report.title)}` : ''}</h1>` +
      `<p class="meta">${html(report.start)} · ${report.duration} s · ${report.connections} connections · ` +
      `pipelining ${report.pipelining} · workload ${html(report.workload.name)} (${html(report.workload.mix)}) · ` +
      `${open ? `open loop at ${report.ratePerSec} requests/s` : 'closed loop'} · seed ${report.seed}` +
      `${report.stoppedEarly ? ' · stopped early' : ''}</p>` +
      cards([
        { label: 'replies/s (mean)', value: Math.round(report.requests.mean), id: 'load-rps' },
        { label: 'requests sent', value: report.requests.sent },
        { label: 'p50', value: ms(l.p50) },
        { label: 'p99', value: ms(l.p99), id: 'load-p99' },
        { label: 'p99.9', value: ms(l.p99_9) },
        { label: 'max', value: ms(l.max) },
        { label: 'errors', value: report.errors, tone: report.errors > 0 ? 'FAIL' : 'PASS' },
        {
          label: 'ERROR replies',
          value: report.non2xx,
          tone: report.non2xx > 0 ? 'NON-STRICT' : 'PASS',
        },
      ]) +
      `<h2>Latency by percentile</h2>` +
      ninesChart(
        'chart-latency',
        open ? 'Latency: corrected for coordinated omission, and not' : 'Latency',
        latencySeries(report),
      ) +
      (commands.length > 1 ? ninesChart('chart-commands', 'Latency per command', commands) : '') +
      `<h2>Over time</h2>${timeline(report)}` +
      `<h2>Per command</h2>${commandTable(report)}` +
      `<h2>Outcomes</h2><table id="outcomes"><tbody>` +
      (
        [
          ['OK replies', report.outcomes.ok],
          ['ERROR replies', report.outcomes.errorReplies],
          ['timeouts', report.outcomes.timeouts],
          ['connection failures', report.outcomes.connectionErrors],
          ['protocol violations', report.outcomes.protocolViolations],
          ['unfinished at the end', report.outcomes.unfinished],
          [
            'connects ok / failed / dropped',
            `${report.connects.ok} / ${report.connects.failed} / ${report.connects.dropped}`,
          ],
        ] as const
      )
        .map(([label, n]) => `<tr><th>${label}</th><td class="num">${html(String(n))}</td></tr>`)
        .join('') +
      `</tbody></table>` +
      (report.problems.length > 0
        ? `<h3>Problems</h3><ul>${report.problems.map((p) => `<li>${p.count} × ${html(p.text)}</li>`).join('')}</ul>`
        : '') +
      auditSection(report),
  });
}
