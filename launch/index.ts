/**
 * launch/: starts, isolates and watches the servers chatspec judges (docs/launch.md). Imports
 * net/ only.
 */
export {
  agentEntryPath,
  launchServer,
  LaunchedServer,
  stopAllLaunched,
  type AppliedIsolation,
  type EndReason,
  type ProcessEnd,
} from './launcher.js';
export { LaunchError } from './errors.js';
export { isolationAvailable, probeIsolation, type IsolationProbe } from './isolation.js';
export {
  LAUNCH_DEFAULTS,
  LaunchOptionError,
  resolveLaunchOptions,
  type Isolation,
  type LaunchOptions,
  type ResolvedLaunchOptions,
} from './options.js';
export { lastLinesText, OutputLog, type OutputLine, type OutputStream } from './output.js';
export type { IdleCpu } from './watch.js';
