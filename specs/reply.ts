/** Replies as the reference server and the model produce them (the canonical shapes). */
import { ERROR_TEXTS, type ErrorCode } from './errors.js';

/** The lecturer's inbox entry: the reference server's shape (INBOX-4). */
export interface InboxEntry {
  readonly msg_from: string;
  readonly msg_to: string;
  readonly msg: string;
}

export type ErrorReply = { readonly status: 'ERROR'; readonly message: string };
export type AuthReply = { readonly status: 'OK'; readonly tokenid: string };
export type SentReply = { readonly status: 'OK'; readonly message: string };
export type InboxReply = {
  readonly status: 'OK';
  readonly messages: Readonly<Record<string, readonly InboxEntry[]>>;
};
export type FileListReply = {
  readonly status: 'OK';
  readonly messages: Readonly<Record<string, readonly string[]>>;
};
export type DownloadReply = {
  readonly status: 'OK';
  readonly messages: string;
  readonly filename: string;
  readonly data: string;
};

export type Reply = ErrorReply | AuthReply | SentReply | InboxReply | FileListReply | DownloadReply;

/** One frozen reply per error code: shared, so the encoder writes each text once. */
const ERROR_REPLIES = new Map<ErrorCode, ErrorReply>();

export function errorReply(code: ErrorCode): ErrorReply {
  let reply = ERROR_REPLIES.get(code);
  if (reply === undefined) {
    reply = Object.freeze({ status: 'ERROR', message: ERROR_TEXTS[code] });
    ERROR_REPLIES.set(code, reply);
  }
  return reply;
}
