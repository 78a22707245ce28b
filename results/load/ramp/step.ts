/**
 * One step of a curve: the load report of a run at one offered rate, judged. A step keeps up
 * when the replies per second reach KEEPING_UP_RATIO of the offered rate; it passes when it
 * keeps up, no request failed or was refused, and (with an SLO) the corrected percentile is
 * under the bound. Pure: the same report always gives the same judgement, so merged steps
 * of several shards are judged exactly like one process's.
 */
import { decodeLatencyHistogram, latencyDistribution, sumEncodedLatency } from '../histograms.js';
import type { LoadReport } from '../summary.js';
import { KEEPING_UP_RATIO, type Slo, type SloPercentile } from './plan.js';

export type StepLatency = Readonly<Record<SloPercentile, number>>;

export interface RampStep {
  readonly offeredPerSec: number;
  /** Replies (OK or ERROR) per second over the step. */
  readonly achievedPerSec: number;
  /**
   * Corrected latency (from the intended send time), ms, of the workload's requests: the
   * logins each step opens its connections with are setup, not the offered load, and are left
   * out unless logging in is all the workload does.
   */
  readonly latencyMs: StepLatency;
  readonly replies: number;
  /** Failed requests (timeouts, connection failures, violations), failed connects, ERROR replies. */
  readonly errors: number;
  readonly keptUp: boolean;
  /** Null without an SLO. */
  readonly withinSlo: boolean | null;
  readonly passed: boolean;
  /** The whole report of the step, its raw result and histograms included. */
  readonly report: LoadReport;
}

export function judgeStep(offeredPerSec: number, report: LoadReport, slo?: Slo): RampStep {
  const replies = report.outcomes.ok + report.outcomes.errorReplies;
  const seconds = report.duration;
  const achievedPerSec = seconds > 0 ? Math.round((replies / seconds) * 100) / 100 : 0;
  const commands = Object.entries(report.raw.commands);
  const load = commands.filter(([op]) => op !== 'auth');
  const judged = latencyDistribution(
    decodeLatencyHistogram(
      sumEncodedLatency((load.length > 0 ? load : commands).map(([, c]) => c!.latency)),
    ),
  );
  const latencyMs: StepLatency = {
    p50: judged.p50,
    p90: judged.p90,
    p99: judged.p99,
    'p99.9': judged.p99_9,
  };
  const errors = report.errors + report.non2xx;
  const keptUp = achievedPerSec >= KEEPING_UP_RATIO * offeredPerSec;
  const withinSlo = slo === undefined ? null : latencyMs[slo.percentile] <= slo.maxMs;
  return {
    offeredPerSec,
    achievedPerSec,
    latencyMs,
    replies,
    errors,
    keptUp,
    withinSlo,
    passed: keptUp && errors === 0 && withinSlo !== false,
    report,
  };
}
