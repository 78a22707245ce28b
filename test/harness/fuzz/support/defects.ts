/**
 * The twists: each a real kind of server bug, small enough to read at a glance.
 */
import {
  applyLine,
  cloneState,
  parseRequestLine,
  type ChatState,
  type InboxEntry,
  type Reply,
} from '../../../../specs/index.js';
import { delay, type Twist } from './double-server.js';

function isInboxReply(reply: Reply): reply is Reply & { messages: Record<string, InboxEntry[]> } {
  return reply.status === 'OK' && 'messages' in reply && typeof reply.messages === 'object';
}

/** Inbox entries of each sender come back newest first (breaks SEND-4). */
export const reorderInbox: Twist = {
  reply(line, reply) {
    if (!line.trimStart().startsWith('inbox') || !isInboxReply(reply)) return reply;
    const messages: Record<string, InboxEntry[]> = {};
    for (const [key, entries] of Object.entries(reply.messages))
      messages[key] = [...entries].reverse();
    return { ...reply, messages } as Reply;
  },
};

/** Every `n`th message of an inbox read is lost (breaks SEND-2). */
export function dropEveryNth(n: number): Twist {
  return {
    reply(line, reply) {
      if (!line.trimStart().startsWith('inbox') || !isInboxReply(reply)) return reply;
      let i = 0;
      const messages: Record<string, InboxEntry[]> = {};
      for (const [key, entries] of Object.entries(reply.messages)) {
        const kept = entries.filter(() => ++i % n !== 0);
        if (kept.length > 0) messages[key] = kept;
      }
      return { ...reply, messages } as Reply;
    },
  };
}

/** The whole server dies when a connection's bytes contain `sequence` (a C-style crash). */
export function dieOn(sequence: Buffer): Twist {
  return { killsOn: (received) => received.includes(sequence) };
}

/**
 * send is a read-modify-write of the recipient's inbox with an await in between, so two
 * sends to one user at once lose one message (breaks SEND-2 under concurrency only).
 */
export function lostUpdateOnSend(windowMs: number): Twist {
  return {
    handle(line, state, ctx) {
      const parsed = parseRequestLine(line);
      if (!parsed.ok || parsed.request.command !== 'SEND') return undefined;
      const recipient = parsed.request.to;
      return (async () => {
        const before = snapshotInbox(state, recipient);
        await delay(windowMs);
        restoreInbox(state, recipient, before);
        return applyLine(state, line, ctx);
      })();
    },
  };
}

/**
 * inbox reads the messages, waits, then removes what it read, so two reads at once both get
 * the same messages (breaks INBOX-2 under concurrency only; nothing is lost).
 */
export function doubleDeliveryOnInbox(windowMs: number): Twist {
  return {
    handle(line, state, ctx) {
      const parsed = parseRequestLine(line);
      if (!parsed.ok || parsed.request.command !== 'INBOX') return undefined;
      const user = state.sessions.get(parsed.request.session);
      return (async () => {
        const reply = applyLine(cloneState(state), line, ctx);
        await delay(windowMs);
        const box = user === undefined ? undefined : state.inboxes.get(user);
        if (user !== undefined && box !== undefined && isInboxReply(reply)) {
          // Entries are shared with the clone, so what was read is removed by identity.
          const read = new Set(Object.values(reply.messages).flat());
          for (const [key, entries] of [...box]) {
            const left = entries.filter((entry) => !read.has(entry));
            if (left.length > 0) box.set(key, left);
            else box.delete(key);
          }
          const count = [...box.values()].reduce((n, entries) => n + entries.length, 0);
          state.inboxCounts.set(user, count);
        }
        return reply;
      })();
    },
  };
}

type InboxSnapshot = { entries: Map<string, InboxEntry[]> | undefined; count: number | undefined };

function snapshotInbox(state: ChatState, user: string): InboxSnapshot {
  const box = state.inboxes.get(user);
  return {
    entries: box && new Map([...box].map(([k, v]) => [k, [...v]])),
    count: state.inboxCounts.get(user),
  };
}

function restoreInbox(state: ChatState, user: string, snapshot: InboxSnapshot): void {
  if (snapshot.entries === undefined) state.inboxes.delete(user);
  else state.inboxes.set(user, snapshot.entries);
  if (snapshot.count === undefined) state.inboxCounts.delete(user);
  else state.inboxCounts.set(user, snapshot.count);
}

/** Fixed params per command word, as the course's servers index them after split(' '). */
const FIXED_PARAMS: Readonly<Record<string, number>> = {
  auth: 2,
  send: 2,
  inbox: 1,
  send_file: 3,
  download_file: 3,
  my_file: 1,
  send_group: 2,
  send_group_file: 3,
};

/**
 * A server as the course's students wrote them, which is correct where it must be and
 * different where the rules allow: it waits for CRLF (no bare LF), splits on single spaces
 * (runs of spaces and tabs give an empty param), knows lower-case commands only, refuses a
 * file without data, answers an unknown session with "Informasi tidak ditemukan", and keeps
 * personal messages as plain strings.
 */
export const courseStyle: Twist = {
  requireCrlf: true,
  handle(line, state, ctx) {
    const body = line.endsWith(' ') ? line.slice(0, -1) : line;
    const words = body.split(' ');
    const verb = words[0] ?? '';
    const fixed = FIXED_PARAMS[verb];
    if (fixed === undefined) {
      return Promise.resolve({ status: 'ERROR', message: '**Protocol Tidak Benar' } as Reply);
    }
    if (words.slice(1, 1 + fixed).some((w) => w === '' || w.includes('\t'))) {
      return Promise.resolve({ status: 'ERROR', message: 'Informasi tidak ditemukan' } as Reply);
    }
    if ((verb === 'send_file' || verb === 'send_group_file') && words.length === 4) {
      return Promise.resolve({ status: 'ERROR', message: '--Protocol Tidak Benar' } as Reply);
    }
    return Promise.resolve(applyLine(state, line, ctx));
  },
  reply(line, reply, state) {
    if (reply.status === 'ERROR' && reply.message === 'Session Tidak Ditemukan') {
      return { status: 'ERROR', message: 'Informasi tidak ditemukan' };
    }
    if (!line.startsWith('inbox ') || !isInboxReply(reply)) return reply;
    const messages: Record<string, Array<InboxEntry | string>> = {};
    for (const [key, entries] of Object.entries(reply.messages)) {
      messages[key] = state.users.has(key) ? entries.map((e) => e.msg) : entries;
    }
    return { ...reply, messages } as unknown as Reply;
  },
};
