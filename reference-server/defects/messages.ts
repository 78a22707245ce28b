/** Defects in delivering personal messages and reading the inbox. */
import { ERROR_TEXTS, REPLY_TEXTS, type InboxEntry } from '../../specs/index.js';
import { defectFamily, type Defect, type WireReply } from './defect.js';
import { afterOk, inboxEntries, isCommand, sessionUser, undeliverLast } from './state-edits.js';

type Messages = Readonly<Record<string, readonly InboxEntry[]>>;

/** Rewrites an OK inbox reply's messages; other replies pass unchanged. */
function mapInbox(
  reply: WireReply,
  command: string | undefined,
  edit: (messages: Messages) => Messages,
): WireReply {
  if (command !== 'INBOX' || reply.status !== 'OK') return reply;
  return { ...reply, messages: edit(reply.messages as Messages) };
}

export const MESSAGE_DEFECTS: readonly Defect[] = defectFamily('messages', [
  {
    name: 'inbox-not-emptied',
    description: 'does not empty the inbox when it is read, so old messages come back',
    breaks: ['INBOX-2'],
    hooks: () => ({
      apply(request, next, { state }) {
        const user = isCommand(request, 'INBOX') ? sessionUser(state, request) : undefined;
        const box = user === undefined ? undefined : state.inboxes.get(user);
        const count = user === undefined ? undefined : state.inboxCounts.get(user);
        const reply = next(request);
        if (user !== undefined && box !== undefined && count !== undefined) {
          state.inboxes.set(user, new Map([...box].map(([k, entries]) => [k, [...entries]])));
          state.inboxCounts.set(user, count);
        }
        return reply;
      },
    }),
  },
  {
    name: 'inbox-repeats-messages',
    description: 'lists every message twice when the inbox is read',
    breaks: ['SEND-2', 'INBOX-1'],
    hooks: () => ({
      reply: (reply, parsed) =>
        mapInbox(reply, parsed.ok ? parsed.request.command : undefined, (messages) =>
          Object.fromEntries(
            Object.entries(messages).map(([k, list]) => [k, list.flatMap((e) => [e, e])]),
          ),
        ),
    }),
  },
  {
    name: 'drops-every-nth-message',
    description: 'answers "Message Sent" to every Nth send but never delivers it',
    breaks: ['SEND-2'],
    param: { name: 'N', default: 3, min: 1, max: 1_000_000 },
    hooks: (n) => {
      let sent = 0;
      return {
        apply: afterOk('SEND', (request, state, from) => {
          if (from !== undefined && ++sent % n === 0) undeliverLast(state, request.to, from);
        }),
      };
    },
  },
  {
    name: 'newest-message-first',
    description: "lists one sender's messages newest first (inserts at the front)",
    breaks: ['SEND-4', 'INBOX-1'],
    hooks: () => ({
      apply: afterOk('SEND', (request, state, from) => {
        if (from === undefined) return;
        const entries = inboxEntries(state, request.to, from);
        if (entries !== undefined && entries.length > 1) entries.unshift(entries.pop()!);
      }),
    }),
  },
  {
    name: 'message-first-word-only',
    description: 'keeps only the first word of a message (j[3] instead of the rest of the line)',
    breaks: ['SEND-2', 'GROUP-2'],
    hooks: () => ({
      parse: (parsed) =>
        parsed.ok && 'text' in parsed.request
          ? { ok: true, request: { ...parsed.request, text: parsed.request.text.split(/\s+/)[0]! } }
          : parsed,
    }),
  },
  {
    name: 'inbox-keyed-by-full-name',
    description: "keys personal messages by the sender's full name instead of the username",
    breaks: ['SEND-2', 'INBOX-1'],
    hooks: () => ({
      reply: (reply, parsed, { state }) =>
        mapInbox(reply, parsed.ok ? parsed.request.command : undefined, (messages) =>
          Object.fromEntries(
            Object.entries(messages).map(([k, list]) => [state.users.get(k)?.name ?? k, list]),
          ),
        ),
    }),
  },
  {
    name: 'inbox-keeps-drained-keys',
    description:
      'lists every sender or group that ever wrote, with [] once drained (the template keeps one queue per sender); allowed',
    breaks: [],
    allowed: true,
    hooks: () => {
      // Per user, every key ever listed, in the order it first appeared (a Python dict's
      // order). Bounded: keys are known usernames and group ids.
      const everKeys = new Map<string, string[]>();
      return {
        apply(request, next, { state }) {
          const user = isCommand(request, 'INBOX') ? sessionUser(state, request) : undefined;
          const reply = next(request);
          if (user === undefined || reply.status !== 'OK' || !('messages' in reply)) return reply;
          const messages = reply.messages as Messages;
          const keys = everKeys.get(user) ?? [];
          for (const key of Object.keys(messages)) if (!keys.includes(key)) keys.push(key);
          everKeys.set(user, keys);
          return {
            status: 'OK',
            messages: Object.fromEntries(keys.map((key) => [key, messages[key] ?? []])),
          };
        },
      };
    },
  },
  {
    name: 'personal-messages-as-strings',
    description:
      'lists personal messages as plain strings (the text only) and group messages as objects, as the seed group does; allowed (INBOX-3)',
    breaks: [],
    allowed: true,
    hooks: () => ({
      reply: (reply, parsed, { state }) =>
        mapInbox(
          reply,
          parsed.ok ? parsed.request.command : undefined,
          (messages) =>
            Object.fromEntries(
              Object.entries(messages).map(([key, list]) => [
                key,
                state.groups.has(key) ? list : list.map((e) => e.msg),
              ]),
            ) as unknown as Messages,
        ),
    }),
  },
  {
    name: 'send-unknown-user-accepted',
    description: 'answers "Message Sent" to a send to an unknown user, and drops the message',
    breaks: ['SEND-3'],
    hooks: () => ({
      apply(request, next) {
        const reply = next(request);
        return isCommand(request, 'SEND') &&
          reply.status === 'ERROR' &&
          reply.message === ERROR_TEXTS.UNKNOWN_USER
          ? { status: 'OK', message: REPLY_TEXTS.MESSAGE_SENT }
          : reply;
      },
    }),
  },
]);
