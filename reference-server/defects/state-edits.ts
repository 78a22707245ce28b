/**
 * Small edits to the model's state that defects make after the model has answered: taking
 * back a delivered message, dropping a stored file. They keep the state's counters right,
 * so a defect breaks exactly one rule and the storage caps keep working.
 */
import type { ChatState, InboxEntry, Request, RequestOf } from '../../specs/index.js';
import type { ServerHooks } from './defect.js';

/** Removes the newest entry under `key` in `recipient`'s inbox; false if there is none. */
export function undeliverLast(state: ChatState, recipient: string, key: string): boolean {
  const box = state.inboxes.get(recipient);
  const entries = box?.get(key);
  if (box === undefined || entries === undefined || entries.length === 0) return false;
  entries.pop();
  if (entries.length === 0) box.delete(key);
  if (box.size === 0) state.inboxes.delete(recipient);
  const count = (state.inboxCounts.get(recipient) ?? 1) - 1;
  if (count > 0) state.inboxCounts.set(recipient, count);
  else state.inboxCounts.delete(recipient);
  return true;
}

/** The entries under `key` in `recipient`'s inbox, live (changing them changes the state). */
export function inboxEntries(
  state: ChatState,
  recipient: string,
  key: string,
): InboxEntry[] | undefined {
  return state.inboxes.get(recipient)?.get(key);
}

/** Removes a stored file and frees its bytes; false if it was not there. */
export function removeFile(
  state: ChatState,
  owner: string,
  peer: string,
  filename: string,
): boolean {
  const repo = state.repositories.get(owner);
  const files = repo?.get(peer);
  const data = files?.get(filename);
  if (repo === undefined || files === undefined || data === undefined) return false;
  files.delete(filename);
  if (files.size === 0) repo.delete(peer);
  if (repo.size === 0) state.repositories.delete(owner);
  state.storedFileBytes -= data.length;
  return true;
}

/** The user a request's session belongs to, if it takes a session and the session is live. */
export function sessionUser(state: ChatState, request: Request): string | undefined {
  return 'session' in request ? state.sessions.get(request.session) : undefined;
}

export function isCommand<C extends Request['command']>(
  request: Request,
  command: C,
): request is RequestOf<C> {
  return request.command === command;
}

/**
 * An apply hook that lets the model answer and then, when it answered `command` with OK,
 * edits the state: how a server that stores or delivers wrongly behaves. `sender` is the
 * user of the request's session as it was before the request.
 */
export function afterOk<C extends Request['command']>(
  command: C,
  edit: (request: RequestOf<C>, state: ChatState, sender: string | undefined) => void,
): NonNullable<ServerHooks['apply']> {
  return (request, next, { state }) => {
    const sender = sessionUser(state, request);
    const reply = next(request);
    if (isCommand(request, command) && reply.status === 'OK') edit(request, state, sender);
    return reply;
  };
}
