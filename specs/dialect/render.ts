/**
 * The inverse of reading: a canonical Reply (what the model answers) written in a dialect's
 * keys and shapes, so the reference server can speak any dialect while its model stays
 * canonical. Pure: a server that never empties its inbox keeps the history itself and passes
 * the whole inbox here.
 */
import type { CommandName } from '../commands.js';
import { ERROR_TEXTS, type ErrorCode } from '../errors.js';
import type { InboxEntry, Reply } from '../reply.js';
import type { DialectSpec, InboxEntryShape } from './spec.js';

export interface RenderContext {
  /** Whether an inbox or file-list key is a group id (else it is a username). */
  readonly isGroup: (key: string) => boolean;
  /** A user's username from the full name the model writes in entries. */
  readonly usernameOf: (fullName: string) => string | undefined;
}

const codeOfCanonicalText = new Map<string, ErrorCode>(
  (Object.entries(ERROR_TEXTS) as [ErrorCode, string][]).map(([code, text]) => [text, code]),
);

function entryIn(
  shape: InboxEntryShape,
  entry: InboxEntry,
  ctx: RenderContext,
  toOverride?: string,
): unknown {
  const to = toOverride ?? entry.msg_to;
  switch (shape) {
    case 'object-full-names':
      return { msg_from: entry.msg_from, msg_to: to, msg: entry.msg };
    case 'object-usernames':
      return {
        msg_from: ctx.usernameOf(entry.msg_from) ?? entry.msg_from,
        msg_to: toOverride ?? ctx.usernameOf(entry.msg_to) ?? entry.msg_to,
        msg: entry.msg,
      };
    case 'string':
      return entry.msg;
    case 'from-message':
      return { from: ctx.usernameOf(entry.msg_from) ?? entry.msg_from, message: entry.msg };
    case 'json-string':
      return JSON.stringify({ msg_from: entry.msg_from, msg_to: to, msg: entry.msg });
  }
}

/** The inbox map as the dialect lists it. `messages` is oldest first, keyed canonically. */
export function renderInbox(
  spec: DialectSpec,
  messages: Readonly<Record<string, readonly InboxEntry[]>>,
  ctx: RenderContext,
): Record<string, unknown[]> {
  const inbox = spec.replies.inbox;
  const out: Record<string, unknown[]> = {};
  for (const [key, entries] of Object.entries(messages)) {
    const group = ctx.isGroup(key);
    for (const entry of entries) {
      const target =
        group && inbox.groupKey === 'sender' ? (ctx.usernameOf(entry.msg_from) ?? key) : key;
      const rendered = group
        ? entryIn(inbox.group, entry, ctx, inbox.groupKey === 'sender' ? key : undefined)
        : entryIn(inbox.personal, entry, ctx);
      (out[target] ??= []).push(rendered);
    }
  }
  if (inbox.order === 'newest-first') for (const list of Object.values(out)) list.reverse();
  return out;
}

/** A canonical reply to `command` (undefined: a line that did not parse) in the dialect. */
export function renderReply(
  spec: DialectSpec,
  command: CommandName | undefined,
  reply: Reply,
  ctx: RenderContext,
): Record<string, unknown> {
  const r = spec.replies;
  if (reply.status === 'ERROR') {
    const code = codeOfCanonicalText.get(reply.message);
    const text = code === undefined ? reply.message : (spec.errors[code]?.[0] ?? reply.message);
    return { status: 'ERROR', [r.errorText]: text };
  }
  if ('tokenid' in reply) return { status: 'OK', [r.token]: reply.tokenid };
  if ('data' in reply) {
    const out: Record<string, unknown> = { status: 'OK' };
    if (r.download.text !== undefined) out[r.download.text] = reply.messages;
    out[r.download.filename] = reply.filename;
    out[r.download.data] = reply.data;
    return out;
  }
  if ('message' in reply) return { status: 'OK', [r.okText]: reply.message };
  if (command === 'MY_FILE') {
    const files = reply.messages as Readonly<Record<string, readonly string[]>>;
    return {
      status: 'OK',
      [r.files.key]: r.files.shape === 'list' ? Object.values(files).flat() : files,
    };
  }
  const messages = reply.messages as Readonly<Record<string, readonly InboxEntry[]>>;
  return { status: 'OK', [r.inbox.key]: renderInbox(spec, messages, ctx) };
}
