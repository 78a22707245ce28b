/** The bad-input corpus: its format, its loader, its bytes and its runner over TCP. */
export {
  MAX_GENERATED_BYTES,
  corpusCaseSchema,
  type CorpusCase,
  type CorpusCaseData,
  type CorpusHow,
  type CorpusReply,
  type CorpusSend,
} from './schema.js';
export { CorpusError, loadCorpus, parseCorpusCase } from './load.js';
export { GENERATE_CHUNK_BYTES, sendByteLength, sendBytes, sendChunks, type Fill } from './bytes.js';
export {
  bindCorpusRoles,
  replyProblem,
  runCorpusCase,
  type CorpusCaseOutcome,
  type CorpusRoles,
  type CorpusRunOptions,
} from './run.js';
