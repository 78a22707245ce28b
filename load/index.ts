/**
 * load/: the load generator. Many concurrent chat clients against one server, closed or open
 * loop, latency in HdrHistograms per command, an optional audit of every message, and results
 * that merge exactly across worker threads, processes and machines. Depends on specs/ only.
 */
export { LoadRun, type LoadOutcome, type LoadRunEvents } from './run.js';
export {
  LoadEngine,
  wholeRunShare,
  type EngineShare,
  type LoadEngineEvents,
  type StartInfo,
  type TickInfo,
} from './engine/engine.js';
export type { ResponseInfo } from './engine/context.js';
export {
  DEFAULT_CONNECTIONS,
  DEFAULT_DURATION_MS,
  DEFAULT_AMOUNT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_CONNECT_CONCURRENCY,
  MAX_CONNECTIONS,
  MAX_WORKERS,
  LoadOptionError,
  resolveLoadOptions,
  type LoadOptions,
  type LoadOptionsInput,
} from './options.js';
export {
  RemoteTargetError,
  isLoopbackAddress,
  requireConsent,
  resolveTargetHost,
} from './target.js';
export { LoadSetupError, probeTarget } from './probe.js';
export {
  MAX_SHARDS,
  ShardError,
  connectionAmount,
  parseShard,
  processShare,
  type RunShare,
  type Shard,
} from './shard.js';
export { drainResult } from './result/drain-result.js';
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
} from './ramp/plan.js';
export { judgeStep, type RampStep, type StepLatency } from './ramp/step.js';
export {
  RAMP_FORMAT,
  RampRun,
  kneeOf,
  type CurveMode,
  type Knee,
  type RampResult,
  type RampRunEvents,
} from './ramp/ramp.js';
export {
  isRampDocument,
  mergeRampDocuments,
  rampFromDocument,
  type RampDocument,
} from './ramp/merge.js';
export { OPS, COMMAND_OPS, isOp, type Op, type CommandOp } from './workload/ops.js';
export {
  DEFAULT_FILE_SIZE_BYTES,
  DEFAULT_MESSAGE_BYTES,
  MAX_FILE_SIZE_BYTES,
  MAX_MESSAGE_BYTES,
  PRESETS,
  PRESET_NAMES,
  describeMix,
  presetWorkload,
  type Workload,
  type WorkloadMixEntry,
} from './workload/workload.js';
export {
  WorkloadError,
  loadWorkloadFile,
  parseMix,
  resolveWorkload,
  workloadFromDocument,
} from './workload/parse.js';
export {
  HistogramDecodeError,
  PERCENTILES,
  createLatencyHistogram,
  decodeLatencyHistogram,
  encodeHistogram,
  latencyDistribution,
  type DistributionStats,
  type PercentileKey,
} from './histograms.js';
export {
  RAW_FORMAT,
  type RawCommandResult,
  type RawConnects,
  type RawLoadResult,
  type RawWorkload,
  type RequestOutcomes,
} from './result/raw.js';
export { MergeError, mergeRawResults } from './result/merge.js';
export {
  REPORT_FORMAT,
  summarize,
  type CommandSummary,
  type LoadReport,
} from './result/summary.js';
export { ResultFileError, rawFromDocument, readResultFile } from './result/read.js';
export { verifyLedger, type AuditFindings } from './audit/verify.js';
export type { EncodedLedger, EncodedRead, EncodedStream } from './audit/ledger.js';
export { drainInboxes, type DrainOptions, type DrainResult } from './audit/drain.js';
export { workerEntryPath } from './workers/pool.js';
export { supportedWorkload, type SupportedWorkload } from './workload/supported.js';
