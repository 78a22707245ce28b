/**
 * What a dialect file says: how one server spells the protocol. A `Dialect` (dialect.ts) is
 * built from one of these; the canonical dialect is itself one (specs/dialects/canonical.yaml),
 * and every spelling seen in the wild is kept as data beside it. A DialectSpec is plain data
 * (no functions, no classes), so it can be spread and changed, posted to a worker thread or
 * written into a report: `{ ...spec, replies: { ...spec.replies, token: 'token_id' } }`.
 */
import type { CommandName } from '../commands.js';
import type { ErrorCode } from '../errors.js';

/**
 * A request line with named placeholders: `send_group {group} {session} {text}`. The first
 * word is the verb; other words are literals or placeholders. Placeholders: {username}
 * {password} {session} {to} {peer} {group} {members} {text} {filename} {data}. `{members}`
 * is the group's members, comma-joined, for servers that send to a list of users; `{text}`
 * takes the rest of the line, so it comes last.
 */
export type RequestTemplate = string;

export interface CommandSpelling {
  readonly request: RequestTemplate;
}

/** How one inbox entry looks on the wire. */
export type InboxEntryShape =
  /** `{msg_from, msg_to, msg}` with full names (the lecturer's template). */
  | 'object-full-names'
  /** `{msg_from, msg_to, msg}` with usernames. */
  | 'object-usernames'
  /** A plain string: the text alone. */
  | 'string'
  /** `{from, message}`. */
  | 'from-message'
  /** A `{msg_from, msg_to, msg}` object JSON-encoded inside a string. */
  | 'json-string';

export const INBOX_ENTRY_SHAPES: readonly InboxEntryShape[] = Object.freeze([
  'object-full-names',
  'object-usernames',
  'string',
  'from-message',
  'json-string',
]);

export interface InboxSpec {
  /** The reply key holding the inbox map. */
  readonly key: string;
  /** Shape of a personal message's entry. */
  readonly personal: InboxEntryShape;
  /** Shape of a group message's entry. */
  readonly group: InboxEntryShape;
  /** What a group message is listed under: the group id, or the sender. */
  readonly groupKey: 'group' | 'sender';
  /** Whether reading the inbox empties it. */
  readonly destructive: boolean;
  readonly order: 'oldest-first' | 'newest-first';
  /**
   * Whether a file sent is also announced in the recipient's inbox, as an entry
   * `{msg_from, msg_to, fileid, filename, filecontent}` beside the messages. Such entries are
   * not messages: they are read past, never taken for a malformed message.
   */
  readonly fileNotices: boolean;
}

/**
 * How groups come to be and how their messages are read, where the server differs from the
 * document (groups known in advance, messages in INBOX). A SEND_GROUP spelled with
 * `{members}` needs no group at all; one spelled like SEND (`send {session} {group} {text}`)
 * is the same verb, telling users from groups by the name.
 */
export interface GroupsSpec {
  /**
   * `create_group {session} {group} {password}`: groups must be made before use (the creator
   * is a member); a check makes its own groups this way. `{password}` is optional.
   */
  readonly create?: RequestTemplate;
  /** `join_group {session} {group} {password}`: what every other member sends before use. */
  readonly join?: RequestTemplate;
  /** A separate group inbox, `inbox_group {group} {session}`: group messages are read here. */
  readonly inbox?: RequestTemplate;
  /** The separate group inbox reply's key for its list of entries. */
  readonly inboxKey?: string;
}

export interface FilesSpec {
  /** The reply key holding the file list. */
  readonly key: string;
  /** `map`: peer -> [names] (the document's); `list`: one flat list of names. */
  readonly shape: 'map' | 'list';
}

export interface DownloadSpec {
  readonly filename: string;
  readonly data: string;
  /** Where the "Downloaded <f>" text sits, if anywhere. */
  readonly text?: string;
}

export interface RepliesSpec {
  /** Where a successful AUTH keeps the session token. */
  readonly token: string;
  /** Where an ERROR reply keeps its text. */
  readonly errorText: string;
  /** Where a success reply keeps its human text ("Message Sent"). */
  readonly okText: string;
  readonly inbox: InboxSpec;
  readonly files: FilesSpec;
  readonly download: DownloadSpec;
}

export interface DialectSpec {
  readonly name: string;
  readonly description?: string;
  /** Where the spec came from: `builtin:NAME` or a file path (for reports and messages). */
  readonly source?: string;
  /** Every canonical command: how it is spelled, or that the server lacks it. */
  readonly commands: Readonly<Record<CommandName, CommandSpelling | 'unsupported'>>;
  readonly replies: RepliesSpec;
  /** Absent: the fixture's groups exist on the server, and INBOX lists their messages. */
  readonly groups?: GroupsSpec;
  /**
   * The texts this server answers per error; the first is what it sends, all are accepted.
   * Codes left out keep the canonical text (specs/errors.ts).
   */
  readonly errors: Readonly<Partial<Record<ErrorCode, readonly string[]>>>;
  /**
   * Line numbers of the dialect file's settings, by dotted path (`replies.token`), so a report
   * can name the line of the rule that applied. Absent for specs built in code.
   */
  readonly lines?: Readonly<Record<string, number>>;
}
