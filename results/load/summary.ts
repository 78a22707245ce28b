/**
 * From a raw result to the report people read and tools consume: autocannon's result shape
 * (so its printer and anything that reads its JSON work) plus chatspec's additions: outcomes,
 * per-command statistics, uncorrected latency in an open loop, the audit's findings, and the
 * raw result itself, which `chatspec load merge` reads back.
 */
import { verifyLedger, type AuditFindings } from './audit/verify.js';
import {
  addEncoded,
  createLatencyHistogram,
  createRateHistogram,
  distributionOf,
  encodeHistogram,
  latencyDistribution,
  type DistributionStats,
} from './histograms.js';
import type { CommandOp } from './ops.js';
import { coveredMs, coversSecond, unionOf } from './intervals.js';
import type { RawLoadResult, RequestOutcomes } from './raw.js';

export const REPORT_FORMAT = 'chatspec-load/1';

export interface CommandSummary extends RequestOutcomes {
  readonly mismatches: number;
  /** Milliseconds, from the intended send time. */
  readonly latency: DistributionStats;
  /** Open loop only: from the actual send time. */
  readonly latencyUncorrected?: DistributionStats;
}

export interface LoadReport {
  // autocannon's result fields, with the protocol's meaning: OK replies count as 2xx and
  // ERROR replies as non-2xx; `errors` are failures without a reply.
  readonly title: string | undefined;
  readonly url: string;
  readonly socketPath: undefined;
  readonly connections: number;
  readonly sampleInt: 1000;
  readonly pipelining: number;
  readonly workers: number;
  /** Seconds during which the run was running. */
  readonly duration: number;
  /** Whole seconds sampled for the requests and throughput distributions. */
  readonly samples: number;
  readonly start: string;
  readonly finish: string;
  /** Timeouts, connection failures (connects included) and protocol violations. */
  readonly errors: number;
  readonly timeouts: number;
  readonly mismatches: number;
  readonly non2xx: number;
  readonly resets: 0;
  readonly '1xx': 0;
  readonly '2xx': number;
  readonly '3xx': 0;
  readonly '4xx': 0;
  readonly '5xx': 0;
  readonly statusCodeStats: Record<string, { count: number }>;
  readonly latency: DistributionStats & { readonly totalCount: number };
  /** Replies per second. */
  readonly requests: DistributionStats & { readonly sent: number };
  /** Reply bytes per second. */
  readonly throughput: DistributionStats;

  // chatspec's additions.
  readonly format: typeof REPORT_FORMAT;
  readonly target: string;
  readonly workload: RawLoadResult['workload'];
  readonly ratePerSec: number | null;
  readonly seed: number;
  /** Open loop: latency from the actual send time, which hides stalls (for comparison). */
  readonly latencyUncorrected?: DistributionStats;
  readonly outcomes: RawLoadResult['totals'];
  readonly connects: {
    readonly attempts: number;
    readonly ok: number;
    readonly failed: number;
    readonly dropped: number;
    readonly latency: DistributionStats;
  };
  readonly commands: Partial<Record<CommandOp, CommandSummary>>;
  /** What went wrong, most frequent first. */
  readonly problems: ReadonlyArray<{ readonly text: string; readonly count: number }>;
  readonly stoppedEarly: boolean;
  readonly audit?: AuditFindings;
  /** Encoded HdrHistograms of the per-second distributions (latency ones are in `raw`). */
  readonly histograms: { readonly requests: string; readonly throughput: string };
  readonly raw: RawLoadResult;
}

/** When the last engine stopped sending (epoch ms); a drain result's interval is not load. */
function loadEndedAtMs(raw: RawLoadResult): number | undefined {
  const ends = raw.intervals.map(([, end]) => end);
  return ends.length > 0 ? Math.max(...ends) : undefined;
}

export function summarize(raw: RawLoadResult): LoadReport {
  const union = unionOf(raw.intervals);
  const durationMs = coveredMs(raw.intervals);
  const startMs = union[0]?.[0] ?? 0;
  const finishMs = union[union.length - 1]?.[1] ?? 0;
  const whole = raw.samples.filter(([second]) => coversSecond(union, second));

  const requestsHist = createRateHistogram();
  const bytesHist = createRateHistogram();
  const completed = raw.totals.ok + raw.totals.errorReplies;
  if (whole.length > 0) {
    for (const [, requests, bytes] of whole) {
      requestsHist.recordValue(requests);
      bytesHist.recordValue(bytes);
    }
  } else if (durationMs > 0) {
    // Shorter than one whole second: the run's average stands in for its only sample.
    requestsHist.recordValue(Math.round((completed * 1000) / durationMs));
    bytesHist.recordValue(Math.round((raw.totals.bytesRead * 1000) / durationMs));
  }

  const latency = createLatencyHistogram();
  addEncoded(latency, raw.latency, 'latency');
  const commands: Partial<Record<CommandOp, CommandSummary>> = {};
  for (const [op, c] of Object.entries(raw.commands) as Array<
    [CommandOp, NonNullable<RawLoadResult['commands'][CommandOp]>]
  >) {
    const { latency: encoded, latencyUncorrected, ...counts } = c;
    const hist = createLatencyHistogram();
    addEncoded(hist, encoded, `${op} latency`);
    let uncorrected: DistributionStats | undefined;
    if (latencyUncorrected !== undefined) {
      const u = createLatencyHistogram();
      addEncoded(u, latencyUncorrected, `${op} uncorrected latency`);
      uncorrected = latencyDistribution(u);
    }
    commands[op] = {
      ...counts,
      latency: latencyDistribution(hist),
      ...(uncorrected ? { latencyUncorrected: uncorrected } : {}),
    };
  }
  let latencyUncorrected: DistributionStats | undefined;
  if (raw.latencyUncorrected !== undefined) {
    const u = createLatencyHistogram();
    addEncoded(u, raw.latencyUncorrected, 'uncorrected latency');
    latencyUncorrected = latencyDistribution(u);
  }
  const connectHist = createLatencyHistogram();
  addEncoded(connectHist, raw.connects.latency, 'connect latency');

  const t = raw.totals;
  const problems = Object.entries(raw.problems)
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));

  return {
    title: raw.title ?? undefined,
    url: `chat://${raw.target}`,
    socketPath: undefined,
    connections: raw.connections,
    sampleInt: 1000,
    pipelining: raw.pipelining,
    workers: raw.workers,
    duration: Math.round(durationMs / 10) / 100,
    samples: whole.length,
    start: new Date(startMs).toISOString(),
    finish: new Date(finishMs).toISOString(),
    errors: t.timeouts + t.connectionErrors + t.protocolViolations + raw.connects.failed,
    timeouts: t.timeouts,
    mismatches: t.mismatches,
    non2xx: t.errorReplies,
    resets: 0,
    '1xx': 0,
    '2xx': t.ok,
    '3xx': 0,
    '4xx': 0,
    '5xx': 0,
    statusCodeStats: {},
    latency: { ...latencyDistribution(latency), totalCount: latency.totalCount },
    requests: {
      ...distributionOf(requestsHist, { total: completed, hasZero: whole.some((w) => w[1] === 0) }),
      sent: t.sent,
    },
    throughput: distributionOf(bytesHist, {
      total: t.bytesRead,
      hasZero: whole.some((w) => w[2] === 0),
    }),
    format: REPORT_FORMAT,
    target: raw.target,
    workload: raw.workload,
    ratePerSec: raw.ratePerSec,
    seed: raw.seed,
    ...(latencyUncorrected ? { latencyUncorrected } : {}),
    outcomes: raw.totals,
    connects: {
      attempts: raw.connects.attempts,
      ok: raw.connects.ok,
      failed: raw.connects.failed,
      dropped: raw.connects.dropped,
      latency: latencyDistribution(connectHist),
    },
    commands,
    problems,
    stoppedEarly: raw.stoppedEarly,
    ...(raw.audit ? { audit: verifyLedger(raw.audit, loadEndedAtMs(raw)) } : {}),
    histograms: { requests: encodeHistogram(requestsHist), throughput: encodeHistogram(bytesHist) },
    raw,
  };
}
