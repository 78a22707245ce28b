/**
 * specs/: the protocol, written once. Everything else in chatspec derives from what this
 * entry point exports; it depends on nothing else of ours.
 */
export {
  COMMANDS,
  COMMAND_NAMES,
  REPLY_TEXTS,
  commandByWire,
  isCommandName,
  isParamName,
  PARAM_NAMES,
  type CommandName,
  type CommandSpec,
  type ParamName,
  type TailKind,
} from './commands.js';
export {
  ERROR_TEXTS,
  KNOWN_ALTERNATIVE_TEXTS,
  UNKNOWN_KEY_TEXT,
  isDocumentedErrorText,
  type ErrorCode,
  type ErrorText,
} from './errors.js';
export {
  REQUIREMENTS,
  REQUIREMENT_AREAS,
  ERROR_TEXTS_REQUIREMENT,
  isRequirementId,
  isTextRequirement,
  requirementArea,
  requirementById,
  requirementCommand,
  type Level,
  type Requirement,
  type RequirementArea,
  type RequirementId,
} from './requirements.js';
export { paramOf, requestFromWords, type Request, type RequestOf } from './request.js';
export {
  OK_REQUIREMENT,
  deliveryRequirement,
  errorRequirement,
  levelOf,
  listingRequirement,
  missVerdict,
  missVerdictOf,
  orderRequirement,
  strictestLevel,
  textMissVerdict,
  type MissVerdict,
  type MissingPart,
} from './judge/index.js';
export {
  errorReply,
  type AuthReply,
  type DownloadReply,
  type ErrorReply,
  type FileListReply,
  type InboxEntry,
  type InboxReply,
  type Reply,
  type SentReply,
} from './reply.js';
export { escapeControls, normalizeFreeText, sameFreeText } from './text.js';
export { SEED_FIXTURE, type Fixture, type FixtureGroup, type FixtureUser } from './fixture.js';
export { FixtureError, loadFixtureFile, parseFixture } from './fixture-file.js';
export {
  deepFreeze,
  jsonValue,
  readInputText,
  yamlValue,
  type InputErrorClass,
} from './input-file.js';
export {
  COURSE_CLIENT_STYLE,
  formatRequestLine,
  parseRequestLine,
  type LineStyle,
  type ParseFailure,
  type ParseResult,
} from './codec/request-line.js';
export { pythonJsonDumps } from './codec/python-json.js';
export { DelimitedDecoder, type DecodeResult } from './codec/delimited-decoder.js';
export { LineDecoder, type LineDecodeResult } from './codec/line-decoder.js';
export {
  REPLY_TERMINATOR,
  ReplyDecoder,
  encodeReply,
  encodeReplyText,
  parseReplyJson,
  type JsonParseResult,
  type ReplyDecodeResult,
  type ReplyFrame,
} from './codec/reply-framing.js';
export { DEFAULT_LIMITS, type ModelLimits } from './model/limits.js';
export {
  cloneState,
  createState,
  type ChatState,
  type Inbox,
  type Repository,
} from './model/state.js';
export {
  applyLine,
  applyRequest,
  passwordMatches,
  transition,
  type TransitionContext,
} from './model/transition.js';
export {
  ANY_PEER,
  type Dialect,
  type DialectParseResult,
  type InboxItem,
  type JsonObject,
  type Read,
  type ReplyStatus,
} from './dialect/dialect.js';
export { canonicalDialect, dialectForRun } from './dialect/canonical.js';
export type {
  CommandSpelling,
  DialectSpec,
  DownloadSpec,
  FilesSpec,
  GroupsSpec,
  InboxEntryShape,
  InboxSpec,
  RepliesSpec,
  RequestTemplate,
} from './dialect/spec.js';
export { INBOX_ENTRY_SHAPES } from './dialect/spec.js';
export { dialectFromSpec, type DialectContext } from './dialect/from-spec.js';
export { DialectError, MAX_DIALECT_FILE_BYTES } from './dialect/parse.js';
export {
  BUILTIN_DIALECT_NAMES,
  builtinDialect,
  builtinSpec,
  loadDialectFile,
  loadDialectSpec,
  parseDialect,
  resolveDialect,
  resolveDialectSpec,
} from './dialect/builtin.js';
export { renderInbox, renderReply, type RenderContext } from './dialect/render.js';
export { dialectDifferences } from './dialect/differences.js';
export {
  GROUP_ACTIONS,
  PLACEHOLDERS,
  compileTemplate,
  fillGroupTemplate,
  groupTemplateProblem,
  templateProblem,
  verbOf,
  type GroupAction,
  type GroupActionValues,
  type CompiledTemplate,
  type Placeholder,
} from './dialect/template.js';
export {
  DEFAULT_LOGIN_SPELLINGS,
  SECRET_MASK,
  SERVER_PRINTED,
  Secrets,
  loginSpellingOf,
  type LoginSpelling,
  type SecretSource,
  type TranscriptLike,
} from './secrets/mask.js';
export { canonicalBase64, decodeBase64, isValidBase64, sameBase64Bytes } from './codec/base64.js';
export { mulberry32, seededBytes } from './seeded.js';
