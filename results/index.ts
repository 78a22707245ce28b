/**
 * results/: what the engines return, as plain data with a stable JSON form, and the pure
 * helpers that read it. The engines build these values; reports/ renders them; neither needs
 * the other. Depends on specs/ only (and on hdr-histogram-js and zod for the load codecs).
 */

/**
 * A conformance run: every scenario's verdict with its evidence, every requirement's verdict,
 * and the counts. `foundVerdict` and `culpritsOf` say what a scenario found and whose fault it
 * was; `runFailed` applies a `--fail-on` level; `severity` orders verdicts, worst first.
 */
export {
  VERDICTS,
  culpritsOf,
  emptyCounts,
  foundVerdict,
  runFailed,
  severity,
  type DialectUsed,
  type NotRunKind,
  type PreflightResult,
  type RequirementResult,
  type RunResult,
  type ScenarioGroup,
  type ScenarioId,
  type ScenarioResult,
  type Verdict,
  type VerdictCounts,
} from './run.js';

/**
 * The evidence of an exchange: every byte sent and received, in order, bounded in entries and
 * in bytes per entry (`elide` keeps a head and a tail).
 */
export {
  TRANSCRIPT_KEEP_BYTES,
  TRANSCRIPT_MAX_ENTRIES,
  Transcript,
  elide,
  type Direction,
  type TranscriptEntry,
} from './transcript.js';

/** A fuzz campaign's result (`fuzz-report.json`): its stats, notes and the shrunk failure. */
export {
  FUZZ_MODES,
  type FailureDetail,
  type FramingChunkRecord,
  type FramingFailureDetail,
  type FuzzEvent,
  type FuzzFailure,
  type FuzzMode,
  type FuzzNote,
  type FuzzResult,
  type FuzzStats,
  type ParallelFailureDetail,
  type Reproduction,
  type SequentialFailureDetail,
  type StepRecord,
} from './fuzz.js';

/** The `chatspec fuzz …` line that replays a failure, quoted for a POSIX shell. */
export { replayCommand, shellWord, type ReplayContext } from './fuzz-replay.js';

/**
 * Latency histograms of a load run: one set of HdrHistogram settings, encoded for raw results
 * and decoded (a clear HistogramDecodeError on bad input) for reports and merges.
 */
export {
  HistogramDecodeError,
  PERCENTILES,
  createLatencyHistogram,
  decodeLatencyHistogram,
  encodeHistogram,
  latencyDistribution,
  type DistributionStats,
  type PercentileKey,
} from './load/histograms.js';

/** The load generator's request kinds, `connect` included. */
export { OPS, COMMAND_OPS, isOp, type Op, type CommandOp } from './load/ops.js';

/**
 * A load run's raw result (`chatspec-load-raw/1`): counts, encoded histograms and the audit
 * ledger; one worker, many workers and many files merge through `mergeRawResults`.
 */
export {
  RAW_FORMAT,
  type RawCommandResult,
  type RawConnects,
  type RawLoadResult,
  type RawWorkload,
  type RequestOutcomes,
  type Shard,
} from './load/raw.js';
export { MergeError, mergeRawResults } from './load/merge.js';
export { ResultFileError, rawFromDocument, readResultFile } from './load/read.js';

/** A load run summarized for people (`chatspec-load-report/1`): rates, percentiles, the audit. */
export { REPORT_FORMAT, summarize, type CommandSummary, type LoadReport } from './load/summary.js';

/** What the load engine reports once a second while it runs. */
export type { TickInfo } from './load/tick.js';

/** The delivery audit: each stream's ledger, merged across shards, and what it shows. */
export { verifyLedger, type AuditFindings } from './load/audit/verify.js';
export type { EncodedLedger, EncodedRead, EncodedStream } from './load/audit/ledger.js';

/**
 * A curve run (`chatspec-load-ramp/1`): its plan and SLO as asked, each step judged against
 * them, the knee the steps show, and the merge of ramp files from several shards.
 */
export {
  DEFAULT_RAMP_STEPS,
  KEEPING_UP_RATIO,
  KNEE_PRECISION,
  MAX_KNEE_STEPS,
  MAX_RAMP_STEPS,
  RampError,
  SLO_PERCENTILES,
  parseRamp,
  parseSlo,
  rampRates,
  type RampPlan,
  type Slo,
  type SloPercentile,
} from './load/ramp/plan.js';
export { judgeStep, type RampStep, type StepLatency } from './load/ramp/step.js';
export { RAMP_FORMAT, kneeOf, type Knee, type RampResult } from './load/ramp/result.js';
export {
  isRampDocument,
  mergeRampDocuments,
  rampFromDocument,
  type RampDocument,
} from './load/ramp/merge.js';
