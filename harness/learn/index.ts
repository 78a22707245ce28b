/**
 * harness/learn/: what a checker learns about a server before judging it — its own
 * unknown-command and missing-params replies, the commands it has, where its login reply
 * keeps the token — and the dialect adjusted by it. The conformance runner and the fuzzer
 * share it.
 */
export {
  isUnknownCommandText,
  learnServer,
  verbOf,
  type CommandPresence,
  type LearnOptions,
  type LearnedError,
  type LoginKnowledge,
  type ServerKnowledge,
} from './server.js';
export { TOKEN_KEYS, findToken, type FoundToken } from './token.js';
export { withTokenKey } from './adapt.js';
