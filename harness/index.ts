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
