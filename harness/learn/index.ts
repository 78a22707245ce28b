/**
 * harness/learn/: what a checker learns about a server before judging it — the commands it
 * has and its own unknown-command and missing-params replies (commands.ts, shared with the
 * fuzzer), where its login reply keeps the token (token.ts), all of it together for a
 * conformance run (server.ts) — and the dialect adjusted by it (adapt.ts).
 */
export {
  MADE_UP_VERB,
  SurveyUnreachableError,
  learnCommands,
  verbOf,
  type CommandPresence,
  type CommandSurvey,
  type LearnCommandsOptions,
  type ProbeExchange,
} from './commands.js';
export {
  isUnknownCommandText,
  learnServer,
  type LearnOptions,
  type LearnedError,
  type LoginKnowledge,
  type Presence,
  type ServerKnowledge,
} from './server.js';
export { TOKEN_KEYS, describeFoundToken, findToken, type FoundToken } from './token.js';
export { withTokenKey } from './adapt.js';
export { blankVerb, isUnknownCommandReply, type LearnedUnknownCommand } from './unknown-command.js';
