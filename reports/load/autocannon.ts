/**
 * autocannon's own tables, from autocannon's own printer: a load report is given the exact
 * shape of an autocannon result, so people who know autocannon read our figures at a glance.
 * Latency is in milliseconds with microsecond resolution (autocannon shows whole ms).
 */
import { createRequire } from 'node:module';
import type autocannon from 'autocannon';
import type { LoadReport } from '../../results/index.js';

type PrintResult = typeof autocannon.printResult;

// The printer alone: importing autocannon's main module would load its whole runner.
const printResult = createRequire(import.meta.url)('autocannon/lib/printResult.js') as PrintResult;

export interface AutocannonTableOptions {
  readonly color: boolean;
  /** Also print every percentile (autocannon's `-l`). */
  readonly latencyTable?: boolean;
}

/** The report as autocannon's printer wants it. */
export function toAutocannonResult(report: LoadReport): autocannon.Result {
  return {
    title: report.title,
    url: report.url,
    socketPath: undefined,
    requests: report.requests,
    latency: report.latency,
    throughput: report.throughput,
    duration: report.duration,
    errors: report.errors,
    timeouts: report.timeouts,
    start: new Date(report.start),
    finish: new Date(report.finish),
    connections: report.connections,
    pipelining: report.pipelining,
    // The protocol has no status codes; OK/ERROR counts are printed by our own summary, so
    // autocannon's "2xx / non 2xx" line is left out rather than half-translated.
    non2xx: 0,
    '1xx': 0,
    '2xx': report['2xx'],
    '3xx': 0,
    '4xx': 0,
    '5xx': 0,
    mismatches: report.mismatches,
    resets: 0,
    statusCodeStats: {},
    ...({ sampleInt: report.sampleInt, samples: report.samples } as object),
  } as autocannon.Result;
}

export function renderAutocannonTables(
  report: LoadReport,
  options: AutocannonTableOptions,
): string {
  return printResult(toAutocannonResult(report), {
    // The printer picks colour from this stream; a stand-in makes the choice ours.
    outputStream: { isTTY: options.color } as unknown as NodeJS.WritableStream,
    renderResultsTable: true,
    renderLatencyTable: options.latencyTable ?? false,
  });
}
