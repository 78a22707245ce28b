/** The per-command table (memtier_benchmark's breakdown): outcomes and latency per command. */
import type { CommandSummary, DistributionStats, LoadReport } from '../../results/index.js';
import { count, ms, table } from './text.js';

function latencyCells(latency: DistributionStats, samples: number): string[] {
  if (samples === 0) return ['', '', '', '', '', ''];
  return [latency.p50, latency.p90, latency.p99, latency.p99_9, latency.max, latency.mean].map(ms);
}

function failures(c: CommandSummary): number {
  return c.timeouts + c.connectionErrors + c.protocolViolations;
}

export function renderCommandTable(
  report: LoadReport,
  options: { readonly color: boolean },
): string {
  const rows: string[][] = [];
  for (const [op, c] of Object.entries(report.commands) as Array<[string, CommandSummary]>) {
    const replies = c.ok + c.errorReplies;
    rows.push([
      op,
      count(c.sent),
      count(c.ok),
      count(c.errorReplies),
      count(failures(c)),
      ...latencyCells(c.latency, replies),
    ]);
  }
  const connects = report.connects;
  rows.push([
    '(tcp connect)',
    count(connects.attempts),
    count(connects.ok),
    '',
    count(connects.failed),
    ...latencyCells(connects.latency, connects.ok),
  ]);
  const head = [
    'Command',
    'Sent',
    'OK',
    'ERROR',
    'Failed',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'p99.9 ms',
    'Max ms',
    'Mean ms',
  ];
  const lines = [table(head, rows, { color: options.color })];
  const uncorrected = Object.entries(report.commands).filter(([, c]) => c.latencyUncorrected);
  if (report.latencyUncorrected !== undefined && uncorrected.length > 0) {
    const urows = uncorrected.map(([op, c]) => [
      op,
      ...latencyCells(c.latencyUncorrected!, c.ok + c.errorReplies),
    ]);
    urows.push(['(all)', ...latencyCells(report.latencyUncorrected, report.latency.totalCount)]);
    lines.push(
      'Uncorrected latency (from the actual send time; hides stalls, shown for comparison):',
      table(['Command', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'Max ms', 'Mean ms'], urows, {
        color: options.color,
      }),
    );
  }
  lines.push('Failed: timeouts, connection failures and protocol violations.');
  return lines.join('\n');
}
