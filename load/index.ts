/**
 * load/: the load generator. Many concurrent chat clients against one server, closed or open
 * loop, latency in HdrHistograms per command, an optional audit of every message, and results
 * that merge exactly across worker threads, processes and machines (their types and codecs are
 * in results/). Depends on specs/, net/ and results/.
 */
export { LoadRun, type LoadOutcome, type LoadRunEvents } from './run.js';
export {
  LoadEngine,
  wholeRunShare,
  type EngineShare,
  type LoadEngineEvents,
  type StartInfo,
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
  AUTO_WORKER_CONNECTIONS,
  LoadOptionError,
  changeLoadOptions,
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
export { LocalAddressError, MAX_LOCAL_ADDRESSES, parseLocalAddresses } from './local-address.js';
export {
  MAX_SHARDS,
  ShardError,
  connectionAmount,
  parseShard,
  processShare,
  type RunShare,
} from './shard.js';
export { drainResult } from './result/drain-result.js';
export { RampRun, type CurveMode, type RampRunEvents } from './ramp/ramp.js';
export {
  DEFAULT_FILE_SIZE_BYTES,
  DEFAULT_MESSAGE_BYTES,
  MAX_FILE_SIZE_BYTES,
  MAX_MESSAGE_BYTES,
  PRESETS,
  PRESET_NAMES,
  describeMix,
  presetWorkload,
  sendsToGroups,
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
export { drainInboxes, type DrainOptions, type DrainResult } from './audit/drain.js';
export { workerEntryPath } from './workers/pool.js';
export { supportedWorkload, type SupportedWorkload } from './workload/supported.js';
