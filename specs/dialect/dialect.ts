/**
 * The one layer between canonical requests and replies and a server's spelling of them.
 * The harness, the fuzzer and the load generator build every request line and read every
 * reply field through a Dialect, so a server that spells a command, orders arguments or
 * names a reply field differently can be described once without touching anything else.
 */
import type { LineStyle } from '../codec/request-line.js';
import type { Request } from '../request.js';

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
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface Dialect {
  readonly name: string;
  /** The request line, with the line end the style asks for. */
  formatRequest(request: Request, style?: LineStyle): string;
  readStatus(reply: JsonObject): Read<ReplyStatus>;
  /** An ERROR reply's text. */
  readErrorText(reply: JsonObject): Read<string>;
  /** A success reply's human text (`message`, e.g. "Message Sent"). */
  readOkText(reply: JsonObject): Read<string>;
  readToken(reply: JsonObject): Read<string>;
  /** Inbox entries keyed by sender username or group id, in the order the server gave them. */
  readInbox(reply: JsonObject): Read<ReadonlyMap<string, readonly InboxItem[]>>;
  /** my_file: filenames keyed by peer. */
  readFileList(reply: JsonObject): Read<ReadonlyMap<string, readonly string[]>>;
  readDownload(
    reply: JsonObject,
  ): Read<{ readonly filename: string; readonly data: string; readonly text?: string }>;
}
