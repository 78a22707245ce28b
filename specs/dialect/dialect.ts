/**
 * The one layer between canonical requests and replies and a server's spelling of them.
 * The harness, the fuzzer and the load generator build every request line and read every
 * reply field through a Dialect, so a server that spells a command, orders arguments or
 * names a reply field differently can be described once without touching anything else.
 * A Dialect is built from a DialectSpec (plain data, spec.ts) by dialectFromSpec.
 */
import type { ParseResult, LineStyle } from '../codec/request-line.js';
import type { CommandName } from '../commands.js';
import type { ErrorCode } from '../errors.js';
import type { Request } from '../request.js';
import type { DialectSpec } from './spec.js';
import type { GroupAction, GroupActionValues } from './template.js';

/** Where the groups a check uses come from (see GroupsSpec). */
export type GroupSource =
  /** The fixture's groups exist on the server (the document's). */
  | 'fixture'
  /** Any list of users is a group: SEND_GROUP names its members. */
  | 'members'
  /** Groups are made (and joined) with the dialect's group actions before use. */
  | 'created';

export type JsonObject = Readonly<Record<string, unknown>>;

export type ReplyStatus = 'OK' | 'ERROR';

/** One inbox entry, read from whichever shape the server used (INBOX-3). */
export interface InboxItem {
  readonly text: string;
  readonly shape: 'object' | 'string';
  /** msg_from and msg_to where the object shape carries them. */
  readonly from?: string;
  readonly to?: string;
}

/** What was read, or why the reply does not have the shape the field needs. */
export type Read<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /**
       * The dialect setting that made this reading differ from the canonical one (e.g.
       * `replies.inbox.order`), so a verdict can name the rule that applied.
       */
      readonly rule?: string;
    }
  | { readonly ok: false; readonly reason: string };

/** The key of a file list read from a flat list: the server does not say who sent each file. */
export const ANY_PEER = '*';

/**
 * A request line read by the reference server through a dialect. `members` is set when the
 * dialect names a group by its members' list; `peerOmitted` when it downloads from one flat
 * file store (no peer on the line). The server resolves both against its state.
 */
export type DialectParseResult =
  | {
      readonly ok: true;
      readonly request: Request;
      readonly members?: readonly string[];
      readonly peerOmitted?: boolean;
      /**
       * Set for a SEND whose verb is also SEND_GROUP's (GroupsSpec): the name in `to` may be
       * a group's, and then the line is a group send.
       */
      readonly toMayBeGroup?: boolean;
    }
  | Exclude<ParseResult, { ok: true }>;

export interface Dialect {
  readonly name: string;
  /** The data the dialect was built from. */
  readonly spec: DialectSpec;
  /** Whether the server has the command at all (false: the dialect says `unsupported`). */
  supports(command: CommandName): boolean;
  /**
   * The request line, with the line end the style asks for. A command the dialect marks
   * unsupported is still spelled canonically, so a caller can show what it would send.
   */
  formatRequest(request: Request, style?: LineStyle): string;
  /** Reads a request line as this dialect spells it (the reference server's side). */
  parseRequest(line: string): DialectParseResult;
  readonly groupSource: GroupSource;
  /**
   * A group action's line (make, join, read the separate inbox of a group), or undefined
   * when the server has no such request.
   */
  formatGroupRequest(action: GroupAction, values: GroupActionValues): string | undefined;
  /** Reads a group action's line (the reference server's side). */
  parseGroupRequest(
    line: string,
  ): { readonly action: GroupAction; readonly values: GroupActionValues } | undefined;
  /** The entries of a separate group inbox's reply, oldest first. */
  readGroupInbox(reply: JsonObject): Read<readonly InboxItem[]>;
  readStatus(reply: JsonObject): Read<ReplyStatus>;
  /** An ERROR reply's text. */
  readErrorText(reply: JsonObject): Read<string>;
  /** A success reply's human text (`message`, e.g. "Message Sent"). */
  readOkText(reply: JsonObject): Read<string>;
  readToken(reply: JsonObject): Read<string>;
  /**
   * Inbox entries keyed by sender username or group id, oldest first. `reader` names whose
   * inbox this is (a username, or a session id): for a server that never empties its inbox,
   * entries this reader was already shown are left out, so the result reads like the
   * document's emptying inbox.
   */
  readInbox(reply: JsonObject, reader?: string): Read<ReadonlyMap<string, readonly InboxItem[]>>;
  /** my_file: filenames keyed by peer (one key, ANY_PEER, for a flat list). */
  readFileList(reply: JsonObject): Read<ReadonlyMap<string, readonly string[]>>;
  readDownload(
    reply: JsonObject,
  ): Read<{ readonly filename: string; readonly data: string; readonly text?: string }>;
  /** The texts this server uses for an error; the first is the one it sends. */
  errorTexts(code: ErrorCode): readonly string[];
  /** Whether `text` is one of this server's texts for `code` (capitals and edges ignored). */
  isErrorText(code: ErrorCode, text: string): boolean;
  /** The error a text stands for in this dialect, if any. */
  errorCodeOf(text: string): ErrorCode | undefined;
  /** Names a setting for a report: `token-id (specs/dialects/token-id.yaml:4) replies.token`. */
  ruleAt(path: string): string;
}
