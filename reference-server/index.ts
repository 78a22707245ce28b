/** reference-server/: the oracle and the embedded default target. */
export { startServer, type RunningServer } from './server.js';
export {
  DEFAULT_PORT,
  DEFAULT_SERVER_OPTIONS,
  ServerOptionError,
  defectSpecsOf,
  resolveServerOptions,
  type ServerOptions,
} from './options.js';
export {
  DEFECTS,
  defectByName,
  formatDefectList,
  parseDefectSpec,
  type Defect,
  type DefectFamily,
  type DefectParam,
} from './defects/index.js';
export {
  PROFILES,
  PROFILE_NAMES,
  formatProfileList,
  profileByName,
  type Profile,
  type ProfileDefect,
} from './profiles/index.js';
export { serverDialect, type ServerDialect } from './dialect.js';
