/**
 * The inverse of reading: a canonical reply (what the model answers, after any defect bent
 * it) written in a dialect's keys and shapes, so the reference server can speak any dialect
 * while its model stays canonical. Pure: a server that never empties its inbox keeps the
 * history itself and passes the whole inbox here. Fields it does not know are kept as they
 * are, so a defect's odd reply stays odd.
 */
import { pythonJsonDumps } from '../codec/python-json.js';
import type { CommandName } from '../commands.js';
import { ERROR_TEXTS, type ErrorCode } from '../errors.js';
import type { InboxEntry } from '../reply.js';
import type { DialectSpec, InboxEntryShape } from './spec.js';

export interface RenderContext {
  /** Whether an inbox key is a group id (else it is a username). */
  readonly isGroup: (key: string) => boolean;
  /** A user's username from the full name the model writes in entries. */
  readonly usernameOf: (fullName: string) => string | undefined;
}

type Wire = Readonly<Record<string, unknown>>;

const codeOfCanonicalText = new Map<string, ErrorCode>(
  (Object.entries(ERROR_TEXTS) as [ErrorCode, string][]).map(([code, text]) => [text, code]),
);

function isEntry(value: unknown): value is InboxEntry {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as InboxEntry).msg === 'string' &&
    typeof (value as InboxEntry).msg_from === 'string' &&
    typeof (value as InboxEntry).msg_to === 'string'
  );
}

function entryIn(
  shape: InboxEntryShape,
  entry: InboxEntry,
  ctx: RenderContext,
  toOverride?: string,
): unknown {
  const to = toOverride ?? entry.msg_to;
  switch (shape) {
    case 'object-full-names':
      return { ...entry, msg_to: to };
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
      // As a course server writes it: json.dumps of the entry, inside the reply's json.dumps.
      return pythonJsonDumps({ msg_from: entry.msg_from, msg_to: to, msg: entry.msg });
  }
}

/** The inbox map as the dialect lists it. `messages` is oldest first, keyed canonically. */
export function renderInbox(
  spec: DialectSpec,
  messages: Readonly<Record<string, readonly unknown[]>>,
  ctx: RenderContext,
): Record<string, unknown[]> {
  const inbox = spec.replies.inbox;
  const out: Record<string, unknown[]> = {};
  for (const [key, entries] of Object.entries(messages)) {
    const group = ctx.isGroup(key);
    for (const entry of entries) {
      if (!isEntry(entry)) {
        (out[key] ??= []).push(entry);
        continue;
      }
      const bySender = group && inbox.groupKey === 'sender';
      const target = bySender ? (ctx.usernameOf(entry.msg_from) ?? key) : key;
      const rendered = group
        ? entryIn(inbox.group, entry, ctx, bySender ? key : undefined)
        : entryIn(inbox.personal, entry, ctx);
      (out[target] ??= []).push(rendered);
    }
  }
  if (inbox.order === 'newest-first') for (const list of Object.values(out)) list.reverse();
  return out;
}

function rename(reply: Wire, from: string, to: string | undefined): Record<string, unknown> {
  if (from === to || !(from in reply)) return { ...reply };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(reply)) {
    if (k === from) {
      if (to !== undefined) out[to] = v;
    } else out[k] = v;
  }
  return out;
}

/** A reply to `command` (undefined: a line that did not parse) in the dialect's spelling. */
export function renderReply(
  spec: DialectSpec,
  command: CommandName | undefined,
  reply: Wire,
  ctx: RenderContext,
): Record<string, unknown> {
  const r = spec.replies;
  if (reply.status === 'ERROR') {
    const text = reply.message;
    const code = typeof text === 'string' ? codeOfCanonicalText.get(text) : undefined;
    const out = rename(reply, 'message', r.errorText);
    if (code !== undefined && spec.errors[code] !== undefined) {
      out[r.errorText] = spec.errors[code][0];
    }
    return out;
  }
  if (reply.status !== 'OK') return { ...reply };
  switch (command) {
    case 'AUTH':
      return rename(reply, 'tokenid', r.token);
    case 'INBOX': {
      const messages = reply.messages;
      if (messages === null || typeof messages !== 'object' || Array.isArray(messages)) {
        return { ...reply };
      }
      const out = rename(reply, 'messages', r.inbox.key);
      out[r.inbox.key] = renderInbox(spec, messages as Record<string, unknown[]>, ctx);
      return out;
    }
    case 'MY_FILE': {
      const files = reply.messages;
      const out = rename(reply, 'messages', r.files.key);
      if (r.files.shape === 'list' && files !== null && typeof files === 'object') {
        out[r.files.key] = Object.values(files as Record<string, unknown>).flat();
      }
      return out;
    }
    case 'DOWNLOAD_FILE': {
      if (!('data' in reply)) return rename(reply, 'message', r.okText);
      let out = rename(reply, 'messages', r.download.text);
      out = rename(out, 'filename', r.download.filename);
      return rename(out, 'data', r.download.data);
    }
    default:
      return rename(reply, 'message', r.okText);
  }
}
