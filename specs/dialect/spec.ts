/**
 * What a dialect file says: how one server spells the protocol. A `Dialect` (dialect.ts) is
 * built from one of these; the canonical dialect is itself one (specs/dialects/canonical.yaml),
 * and every spelling seen in the wild is kept as data beside it.
 */
import type { CommandName, ErrorCode } from '../index.js';

/**
 * A request line with named placeholders: `send_group {group} {session} {text}`. Placeholders:
 * {username} {password} {session} {to} {peer} {group} {members} {text} {filename} {data}.
 * `{members}` is the group's members, comma-joined, for servers that send to a list of users.
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
}

export interface DialectSpec {
  readonly name: string;
  readonly description?: string;
  /** Every canonical command: how it is spelled, or that the server lacks it. */
  readonly commands: Readonly<Record<CommandName, CommandSpelling | 'unsupported'>>;
  readonly replies: {
    /** Where a successful AUTH keeps the session token. */
    readonly token: string;
    /** Where an ERROR reply keeps its text. */
    readonly errorText: string;
    /** Where a success reply keeps its human text ("Message Sent"). */
    readonly okText: string;
    readonly inbox: InboxSpec;
    readonly files: { readonly key: string; readonly shape: 'map' | 'list' };
    readonly download: {
      readonly filename: string;
      readonly data: string;
      /** Where the "Downloaded <f>" text sits, if anywhere. */
      readonly text?: string;
    };
  };
  /** The texts this server answers per error; the first is what it sends, all are accepted. */
  readonly errors: Readonly<Partial<Record<ErrorCode, readonly string[]>>>;
}
