/**
 * harness/fuzz/: property-based fuzzing against any host:port. Options in, a FuzzResult out;
 * it never prints and never exits (cli/fuzz.ts does). This entry names what others may use.
 */
export { runFuzz, replayFlags } from './engine.js';
export {
  DEFAULT_MAX_COMMANDS,
  FUZZ_DEFAULTS,
  FUZZ_LIMITS,
  FuzzOptionError,
  randomSeed,
  resolveFuzzOptions,
  type FuzzOptions,
  type FuzzOptionsInput,
  type FuzzTarget,
} from './options.js';
export { FuzzSetupError } from './case-failure.js';
export { REPLAY_ATTEMPTS, type FreshServer } from './reproduce.js';
export { renderFailure, renderReproduction, renderSummary } from './render.js';
export { MAX_FUZZ_USERS, MAX_PARALLEL_USERS } from './world.js';
