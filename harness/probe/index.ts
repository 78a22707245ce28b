/** harness/probe/: finding a server's dialect (not the health probe of harness/conformance/run). */
export {
  DEFAULT_PROBE_BUDGET_MS,
  DEFAULT_PROBE_MAX_REQUESTS,
  DEFAULT_PROBE_TIMEOUT_MS,
  DialectProbeOptionError,
  probeDialect,
  type Confidence,
  type Finding,
  type DialectProbeOptions,
  type DialectProbeResult,
} from './engine.js';
export { loadProbeData, probeDataPath, type ProbeData } from './probes.js';
export { renderDialectYaml, renderProbeSummary } from './write.js';
export { probeMisses, probeableSettings } from './compare.js';
