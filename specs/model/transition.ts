/**
 * The protocol's behaviour as code: what each request does to the state and what it answers.
 * `applyRequest` changes the state in place (the reference server's engine); `transition` is
 * the same rule as a pure function, for the fuzzer's oracle. Check order inside a command is
 * part of the specification: params, then session, then target, then file (PROTOCOL.md).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { REPLY_TEXTS } from '../commands.js';
import { parseRequestLine } from '../codec/request-line.js';
import type { InboxEntry, Reply } from '../reply.js';
import { errorReply } from '../reply.js';
import type { Request, RequestOf } from '../request.js';
import { recordOf } from './record-of.js';
import { cloneState, type ChatState, type Repository } from './state.js';

/** Success replies that never vary, frozen and shared (the encoder writes each once). */
const MESSAGE_SENT: Reply = Object.freeze({ status: 'OK', message: REPLY_TEXTS.MESSAGE_SENT });
const FILE_SENT: Reply = Object.freeze({ status: 'OK', message: REPLY_TEXTS.FILE_SENT });

export interface TransitionContext {
  /** A fresh session token; the reference server uses random UUIDv4 (AUTH-2). */
  readonly newToken: () => string;
}

export function applyRequest(state: ChatState, request: Request, ctx: TransitionContext): Reply {
  switch (request.command) {
    case 'AUTH':
      return auth(state, request, ctx);
    case 'SEND':
      return send(state, request);
    case 'INBOX':
      return inbox(state, request);
    case 'SEND_FILE':
      return sendFile(state, request);
    case 'DOWNLOAD_FILE':
      return downloadFile(state, request);
    case 'MY_FILE':
      return myFile(state, request);
    case 'SEND_GROUP':
      return sendGroup(state, request);
    case 'SEND_GROUP_FILE':
      return sendGroupFile(state, request);
  }
}

/** Parses a request line and applies it: every line gets exactly one reply (FRAME-1). */
export function applyLine(state: ChatState, line: string, ctx: TransitionContext): Reply {
  const parsed = parseRequestLine(line);
  if (!parsed.ok) return errorReply(parsed.error);
  return applyRequest(state, parsed.request, ctx);
}

/** The pure form: the state before is left untouched. */
export function transition(
  state: ChatState,
  request: Request,
  ctx: TransitionContext,
): { readonly state: ChatState; readonly reply: Reply } {
  const next = cloneState(state);
  const reply = applyRequest(next, request, ctx);
  return { state: next, reply };
}

function auth(state: ChatState, req: RequestOf<'AUTH'>, ctx: TransitionContext): Reply {
  const user = state.users.get(req.username);
  if (user === undefined) return errorReply('AUTH_UNKNOWN_USER');
  if (!passwordMatches(user.password, req.password)) return errorReply('AUTH_WRONG_PASSWORD');
  const token = ctx.newToken();
  state.sessions.set(token, user.username);
  if (state.sessions.size > state.limits.maxSessions) {
    const oldest = state.sessions.keys().next().value as string;
    state.sessions.delete(oldest);
  }
  return { status: 'OK', tokenid: token };
}

function send(state: ChatState, req: RequestOf<'SEND'>): Reply {
  const from = state.sessions.get(req.session);
  if (from === undefined) return errorReply('UNKNOWN_SESSION');
  const to = state.users.get(req.to);
  if (to === undefined) return errorReply('UNKNOWN_USER');
  if (!hasInboxRoom(state, [to.username], req.text)) return errorReply('STORAGE_FULL');
  deliver(state, to.username, from, {
    msg_from: fullName(state, from),
    msg_to: to.name,
    msg: req.text,
  });
  return MESSAGE_SENT;
}

function sendGroup(state: ChatState, req: RequestOf<'SEND_GROUP'>): Reply {
  const from = state.sessions.get(req.session);
  if (from === undefined) return errorReply('UNKNOWN_SESSION');
  const group = state.groups.get(req.group);
  if (group === undefined) return errorReply('UNKNOWN_GROUP');
  if (!hasInboxRoom(state, group.members, req.text)) return errorReply('STORAGE_FULL');
  const sender = fullName(state, from);
  for (const member of group.members) {
    deliver(state, member, group.id, {
      msg_from: sender,
      msg_to: fullName(state, member),
      msg: req.text,
    });
  }
  return MESSAGE_SENT;
}

function inbox(state: ChatState, req: RequestOf<'INBOX'>): Reply {
  const user = state.sessions.get(req.session);
  if (user === undefined) return errorReply('UNKNOWN_SESSION');
  const box = state.inboxes.get(user);
  const messages: Record<string, InboxEntry[]> = box === undefined ? {} : recordOf(box);
  if (box !== undefined) {
    state.inboxes.delete(user);
    state.inboxCounts.delete(user);
    state.storedMessageChars -= state.inboxChars.get(user) ?? 0;
    state.inboxChars.delete(user);
  }
  return { status: 'OK', messages };
}

function sendFile(state: ChatState, req: RequestOf<'SEND_FILE'>): Reply {
  const from = state.sessions.get(req.session);
  if (from === undefined) return errorReply('UNKNOWN_SESSION');
  const to = state.users.get(req.to);
  if (to === undefined) return errorReply('UNKNOWN_USER');
  // The recipient's copy, under the sender's name, and the sender's own, under the recipient's.
  const copies: Array<[owner: string, peer: string]> = [
    [to.username, from],
    [from, to.username],
  ];
  return storeFile(state, copies, req.filename, req.data);
}

function sendGroupFile(state: ChatState, req: RequestOf<'SEND_GROUP_FILE'>): Reply {
  const from = state.sessions.get(req.session);
  if (from === undefined) return errorReply('UNKNOWN_SESSION');
  const group = state.groups.get(req.group);
  if (group === undefined) return errorReply('UNKNOWN_GROUP');
  const copies = group.members.map((member): [string, string] => [member, group.id]);
  return storeFile(state, copies, req.filename, req.data);
}

function downloadFile(state: ChatState, req: RequestOf<'DOWNLOAD_FILE'>): Reply {
  const user = state.sessions.get(req.session);
  if (user === undefined) return errorReply('UNKNOWN_SESSION');
  const data = state.repositories.get(user)?.get(req.peer)?.get(req.filename);
  if (data === undefined) return errorReply('FILE_NOT_FOUND');
  return {
    status: 'OK',
    messages: REPLY_TEXTS.downloaded(req.filename),
    filename: req.filename,
    data,
  };
}

function myFile(state: ChatState, req: RequestOf<'MY_FILE'>): Reply {
  const user = state.sessions.get(req.session);
  if (user === undefined) return errorReply('UNKNOWN_SESSION');
  const repo = state.repositories.get(user) ?? new Map<string, Map<string, string>>();
  const messages = recordOf([...repo].map(([peer, files]) => [peer, [...files.keys()]] as const));
  return { status: 'OK', messages };
}

/**
 * Constant-time: the digests have equal length whatever was sent, so neither the length nor
 * the first differing character of a guess shows in how long the answer takes.
 */
export function passwordMatches(expected: string, given: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

function fullName(state: ChatState, username: string): string {
  return state.users.get(username)?.name ?? username;
}

function hasInboxRoom(state: ChatState, recipients: readonly string[], text: string): boolean {
  if (
    state.storedMessageChars + text.length * recipients.length >
    state.limits.maxStoredMessageChars
  ) {
    return false;
  }
  for (const r of recipients) {
    if ((state.inboxCounts.get(r) ?? 0) >= state.limits.maxInboxMessages) return false;
  }
  return true;
}

function deliver(state: ChatState, recipient: string, key: string, entry: InboxEntry): void {
  let box = state.inboxes.get(recipient);
  if (box === undefined) {
    box = new Map();
    state.inboxes.set(recipient, box);
  }
  const entries = box.get(key);
  if (entries === undefined) box.set(key, [entry]);
  else entries.push(entry);
  state.inboxCounts.set(recipient, (state.inboxCounts.get(recipient) ?? 0) + 1);
  state.inboxChars.set(recipient, (state.inboxChars.get(recipient) ?? 0) + entry.msg.length);
  state.storedMessageChars += entry.msg.length;
}

/** Stores one file for several owners, all or none, within the storage cap. */
function storeFile(
  state: ChatState,
  copies: ReadonlyArray<readonly [owner: string, peer: string]>,
  filename: string,
  data: string,
): Reply {
  // A file sent to oneself names the same repository twice; it is stored once.
  const unique = [...new Map(copies.map((c) => [`${c[0]}\0${c[1]}`, c])).values()];
  // Overwriting a file of the same name frees its bytes first (DOWNLOAD-5: the latest wins).
  let freed = 0;
  for (const [owner, peer] of unique) {
    freed += state.repositories.get(owner)?.get(peer)?.get(filename)?.length ?? 0;
  }
  const added = data.length * unique.length;
  if (state.storedFileBytes - freed + added > state.limits.maxStoredFileBytes) {
    return errorReply('STORAGE_FULL');
  }
  for (const [owner, peer] of unique) repositoryOf(state, owner, peer).set(filename, data);
  state.storedFileBytes += added - freed;
  return FILE_SENT;
}

function repositoryOf(state: ChatState, owner: string, peer: string): Map<string, string> {
  let repo: Repository | undefined = state.repositories.get(owner);
  if (repo === undefined) {
    repo = new Map();
    state.repositories.set(owner, repo);
  }
  let files = repo.get(peer);
  if (files === undefined) {
    files = new Map();
    repo.set(peer, files);
  }
  return files;
}
