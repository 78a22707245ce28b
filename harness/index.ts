/**
 * harness/: the engines that judge a server, one folder per product: conformance
 * (harness/conformance/: scenario files in, a RunResult out), the fuzzer (harness/fuzz/) and the
 * dialect probe (harness/probe/). They never print and never exit (cli/ does). This entry names
 * everything other areas may use.
 */
export {
  SCENARIO_FORMAT_VERSION,
  SCENARIO_GROUPS,
  validateScenarioFile,
  type SchemaIssue,
} from './conformance/scenario/schema.js';
export {
  ScenarioFileError,
  checkUniqueIds,
  loadScenarioFile,
  loadScenarioFiles,
  parseScenarioText,
} from './conformance/scenario/load.js';
export {
  builtinScenarioDir,
  builtinScenarioFiles,
  loadBuiltinScenarios,
} from './conformance/scenario/builtin.js';
export type {
  DownloadExpect,
  Expect,
  FilesExpect,
  InboxExpect,
  OutcomeRule,
  PayloadSpec,
  Pieces,
  RequestTemplate,
  RoleSpec,
  Scenario,
  Step,
  Template,
} from './conformance/scenario/types.js';
export { SelectionError, scenarioMatcher, selectScenarios } from './conformance/scenario/select.js';
export {
  TemplateError,
  fillTemplate,
  parseTemplate,
  templateNames,
} from './conformance/scenario/template.js';
export { bindRoles, type BindResult, type Binding } from './conformance/roles/bind.js';
export { payloadBytes } from './payload.js';
export { TargetUnreachableError, runConformance } from './conformance/run/runner.js';
export {
  ConformanceOptionError,
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_REPLY_BYTES,
  MAX_TIMEOUT_MS,
  newRunId,
  resolveConformanceOptions,
  type ConformanceOptions,
  type ResolvedOptions,
  type RunPlan,
} from './conformance/run/options.js';
export { runScenario, scenarioTag } from './conformance/run/scenario.js';
export type { Target } from './conformance/run/context.js';
export { probe, type ProbeResult } from './conformance/run/probe.js';
export { requirementResults } from './conformance/run/requirements.js';
export type { Check, Grading } from './conformance/verify/check.js';
export { toolVersion } from '../specs/package-root.js';

/**
 * One request-at-a-time connection that frames replies by the Dialect's terminator, and the
 * sentence for how a call ended; the chat client talks through it too.
 */
export { ChatConnection, describeOutcome } from './client/connection.js';

/** Whether an error is the caller's input (options, files, patterns), not the server's doing. */
export { isHarnessInputError } from './input-errors.js';
/** The dialect probe and what a checker learns about a server: their own entries name them. */
export * from './probe/index.js';
export * from './learn/index.js';
