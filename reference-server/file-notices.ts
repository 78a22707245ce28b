/**
 * File notices: a dialect may list each file a user received in that user's inbox, beside the
 * messages, as `{msg_from, msg_to, fileid, filename, filecontent}` (`replies.inbox.fileNotices`).
 * The model stays canonical: it stores the file, and this keeps the notice until the next inbox
 * read shows it, under the sender's name for a personal file and the group id for a group one,
 * to the same people the model gave a copy of the file to.
 */
import type { ChatState, Request } from '../specs/index.js';

export interface FileNotice {
  readonly msg_from: string;
  readonly msg_to: string;
  readonly fileid: string;
  readonly filename: string;
  /** The file's bytes as sent, base64. */
  readonly filecontent: string;
}

type Key = string;

export interface FileNotices {
  /** Notes the notices of a file the model just stored (a SEND_FILE or SEND_GROUP_FILE answered OK). */
  record(request: Request, state: ChatState): void;
  /** The user's notices not shown yet, by inbox key; handing them out forgets them. */
  take(user: string): ReadonlyMap<Key, readonly FileNotice[]>;
}

export function fileNotices(): FileNotices {
  const pending = new Map<string, Map<Key, FileNotice[]>>();
  const counts = new Map<string, number>();
  /** Base64 characters held in notices, within the model's file storage cap. */
  let heldChars = 0;
  let nextId = 1;

  const fullName = (state: ChatState, username: string): string =>
    state.users.get(username)?.name ?? username;

  const add = (state: ChatState, recipient: string, key: Key, notice: FileNotice): void => {
    // Within the model's bounds: a user's notices as many as an unread inbox holds, and all
    // notices' contents together no more than the files the model may store.
    if ((counts.get(recipient) ?? 0) >= state.limits.maxInboxMessages) return;
    if (heldChars + notice.filecontent.length > state.limits.maxStoredFileBytes) return;
    let box = pending.get(recipient);
    if (box === undefined) {
      box = new Map();
      pending.set(recipient, box);
    }
    const list = box.get(key);
    if (list === undefined) box.set(key, [notice]);
    else list.push(notice);
    counts.set(recipient, (counts.get(recipient) ?? 0) + 1);
    heldChars += notice.filecontent.length;
  };

  return {
    record(request, state) {
      if (request.command !== 'SEND_FILE' && request.command !== 'SEND_GROUP_FILE') return;
      const from = state.sessions.get(request.session);
      if (from === undefined) return;
      const fileid = String(nextId++);
      const notice = (to: string): FileNotice => ({
        msg_from: fullName(state, from),
        msg_to: fullName(state, to),
        fileid,
        filename: request.filename,
        filecontent: request.data,
      });
      if (request.command === 'SEND_FILE') {
        add(state, request.to, from, notice(request.to));
        return;
      }
      const group = state.groups.get(request.group);
      for (const member of group?.members ?? []) add(state, member, group!.id, notice(member));
    },
    take(user) {
      const box = pending.get(user) ?? new Map<Key, FileNotice[]>();
      pending.delete(user);
      counts.delete(user);
      for (const list of box.values()) for (const n of list) heldChars -= n.filecontent.length;
      return box;
    },
  };
}
