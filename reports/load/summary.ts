/** The lines around the tables: what was run, how every request ended, and what went wrong. */
import type { LoadReport } from '../../results/index.js';
import { plural } from '../format.js';
import { bytes, count, paint, printable } from './text.js';

export interface HeaderOptions {
  /** Shown after the target, e.g. "embedded reference server". */
  readonly targetNote?: string;
}

/** `Running 10s test @ chat://127.0.0.1:8889` in autocannon's words, with our particulars. */
export function renderHeader(report: LoadReport, options: HeaderOptions = {}): string {
  const loop =
    report.ratePerSec === null
      ? 'closed loop'
      : `open loop at ${count(report.ratePerSec)} req/s (latency from the intended send time)`;
  const lines = [
    `chatspec load @ ${report.url}${options.targetNote ? ` (${options.targetNote})` : ''}`,
    `${count(report.connections)} connections, pipelining ${report.pipelining}, ${loop}` +
      (report.workers > 0 ? `, ${plural(report.workers, 'worker thread')}` : ''),
    `workload ${printable(report.workload.name)}: ${printable(report.workload.mix)}` +
      `, seed ${report.seed}`,
  ];
  return lines.join('\n');
}

/** Every request's outcome, then the most frequent problems. */
export function renderOutcomes(report: LoadReport, options: { readonly color: boolean }): string {
  const o = report.outcomes;
  const parts = [
    `${count(o.ok)} OK`,
    `${count(o.errorReplies)} ERROR replies`,
    `${count(o.timeouts)} timeouts`,
    `${count(o.connectionErrors)} connection failures`,
    `${count(o.protocolViolations)} protocol violations`,
  ];
  if (o.unfinished > 0) parts.push(`${count(o.unfinished)} unfinished at the end`);
  const bad = o.timeouts + o.connectionErrors + o.protocolViolations;
  const lines = [
    `${count(o.sent)} requests in ${report.duration}s: ${paint(parts.join(', '), bad > 0 ? 'red' : 'green', options.color && bad > 0)}`,
    `${bytes(o.bytesWritten)} written, ${bytes(o.bytesRead)} read; ` +
      `${count(report.connects.ok)} connects (${count(report.connects.failed)} failed, ` +
      `${count(report.connects.dropped)} dropped by the server)`,
  ];
  if (o.mismatches > 0) lines.push(`${count(o.mismatches)} downloads differed from the file sent`);
  if (report.stoppedEarly) lines.push('stopped early: the figures cover the time run so far');
  if (report.problems.length > 0) {
    lines.push('Problems (most frequent first):');
    for (const p of report.problems.slice(0, 10)) {
      lines.push(`  ${count(p.count).padStart(9)} × ${printable(p.text)}`);
    }
    if (report.problems.length > 10)
      lines.push(`  … and ${report.problems.length - 10} more kinds`);
  }
  return lines.join('\n');
}
