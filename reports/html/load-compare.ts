/**
 * Several load results side by side (`chatspec compare a.json b.json …`): one table of
 * throughput and percentiles, and one percentile plot on the nines axis with a curve per
 * server, so designs compare at the tail as well as at the median.
 */
import { decodeLatencyHistogram, type LoadReport } from '../../results/index.js';
import { html } from './escape.js';
import { SERIES_COLORS } from './load-report.js';
import { renderPage } from './page.js';
import { ninesChart, ninesPoints } from './svg/nines.js';

export interface NamedLoadReport {
  readonly name: string;
  readonly report: LoadReport;
}

export function renderLoadCompareHtml(reports: readonly NamedLoadReport[]): string {
  const rows = reports.map(({ name, report }, i) => {
    const l = report.latency;
    return (
      `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${SERIES_COLORS[i % SERIES_COLORS.length]}"></i> ${html(name)}</td>` +
      `<td class="mono">${html(report.target)}</td><td>${html(report.workload.name)}</td><td class="num">${report.connections}</td>` +
      `<td>${report.ratePerSec === null ? 'closed' : `${report.ratePerSec}/s`}</td>` +
      `<td class="num">${Math.round(report.requests.mean)}</td>` +
      [l.p50, l.p90, l.p99, l.p99_9, l.max]
        .map((v) => `<td class="num">${v.toFixed(2)}</td>`)
        .join('') +
      `<td class="num">${report.errors}</td><td class="num">${report.non2xx}</td></tr>`
    );
  });
  const series = reports.map(({ name, report }, i) => ({
    name,
    color: SERIES_COLORS[i % SERIES_COLORS.length]!,
    points: ninesPoints(decodeLatencyHistogram(report.raw.latency, `${name} latency`)),
  }));
  return renderPage({
    title: 'chatspec load comparison',
    body:
      `<h1>Load comparison: ${reports.length} results</h1>` +
      `<table id="load-compare"><thead><tr><th>result</th><th>target</th><th>workload</th><th>connections</th><th>loop</th>` +
      `<th>replies/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>errors</th><th>ERROR replies</th></tr></thead>` +
      `<tbody>${rows.join('')}</tbody></table>` +
      ninesChart('chart-compare', 'Latency by percentile, one curve per result', series),
  });
}
