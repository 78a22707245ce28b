/**
 * harness/: the conformance engine. Scenario files in, a RunResult out; it never prints and
 * never exits (cli/ does). This entry names everything other areas may use.
 */
export {
  SCENARIO_FORMAT_VERSION,
  SCENARIO_GROUPS,
  validateScenarioFile,
  type SchemaIssue,
} from './scenario/schema.js';
export {
  ScenarioFileError,
  checkUniqueIds,
  loadScenarioFile,
  loadScenarioFiles,
  parseScenarioText,
} from './scenario/load.js';
export {
  builtinScenarioDir,
  builtinScenarioFiles,
  loadBuiltinScenarios,
} from './scenario/builtin.js';
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
} from './scenario/types.js';
export { SelectionError, scenarioMatcher, selectScenarios } from './scenario/select.js';
export { TemplateError, fillTemplate, parseTemplate, templateNames } from './scenario/template.js';
export { bindRoles, type BindResult, type Binding } from './roles/bind.js';
export { payloadBytes } from './payload.js';
export { TargetUnreachableError, runConformance } from './run/runner.js';
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
} from './run/options.js';
export { runScenario, scenarioTag } from './run/scenario.js';
export type { Target } from './run/context.js';
export { probe, type ProbeResult } from './run/probe.js';
export { requirementResults } from './run/requirements.js';
export type { Check, Grading } from './verify/check.js';
export { toolVersion } from '../specs/package-root.js';

/**
 * One request-at-a-time connection that frames replies by the Dialect's terminator, and the
 * sentence for how a call ended; the chat client talks through it too.
 */
export { ChatConnection, describeOutcome } from './client/connection.js';

/** Whether an error is the caller's input (options, files, patterns), not the server's doing. */
export { isHarnessInputError } from './input-errors.js';
export {
  DEFAULT_PROBE_BUDGET_MS,
  DEFAULT_PROBE_MAX_REQUESTS,
  DEFAULT_PROBE_TIMEOUT_MS,
  DialectProbeOptionError,
  probeDialect,
  probeMisses,
  probeableSettings,
  renderDialectYaml,
  renderProbeSummary,
  type Finding,
  type DialectProbeOptions,
  type DialectProbeResult,
} from './dialect-probe/index.js';
export {
  MADE_UP_VERB,
  SurveyUnreachableError,
  learnCommands,
  verbOf,
  type CommandPresence,
  type CommandSurvey,
  type LearnCommandsOptions,
  type ProbeExchange,
} from './learn/commands.js';
export {
  TOKEN_KEYS,
  findToken,
  isUnknownCommandText,
  learnServer,
  withTokenKey,
  type FoundToken,
  type LearnOptions,
  type LoginKnowledge,
  type ServerKnowledge,
} from './learn/index.js';
