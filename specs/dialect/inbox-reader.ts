/**
 * Reading a dialect's inbox replies into the document's shapes: entries as strings or objects
 * (JSON in a string, usernames for full names, `from`/`message`), oldest first, group messages
 * under the group id, file notices skipped, and for a non-destructive inbox only what this
 * reader has not been shown yet.
 */
import type { Fixture } from '../fixture.js';
import type { InboxItem, JsonObject, Read } from './dialect.js';
import { describe, isObject, no, ok } from './reads.js';
import type { DialectSpec, InboxEntryShape } from './spec.js';

/** A file announced in the inbox (`{msg_from, msg_to, fileid, filename, filecontent}`). */
function isFileNotice(entry: unknown): boolean {
  return isObject(entry) && typeof entry.filename === 'string' && entry.msg === undefined;
}

/** Readers whose already-shown entries are remembered (non-destructive inboxes); oldest go. */
const MAX_REMEMBERED_READERS = 10_000;

export interface InboxReaders {
  readInbox(reply: JsonObject, reader?: string): Read<ReadonlyMap<string, readonly InboxItem[]>>;
  readGroupInbox(reply: JsonObject): Read<readonly InboxItem[]>;
}

/**
 * The inbox readers of a spec. `sentToMembers` maps texts sent to a member list to their group
 * (filled as requests are formatted): such a server lists them as personal messages.
 */
export function inboxReaders(
  spec: DialectSpec,
  fixture: Fixture,
  sentToMembers: ReadonlyMap<string, string>,
): InboxReaders {
  const groups = spec.groups ?? {};
  const inboxSpec = spec.replies.inbox;
  const shapes = new Set<InboxEntryShape>([inboxSpec.personal, inboxSpec.group]);
  const fullNameOf = new Map(fixture.users.map((u) => [u.username, u.name]));
  const groupIds = new Set(fixture.groups.map((g) => g.id));

  const readEntry = (entry: unknown): InboxItem | undefined => {
    if (typeof entry === 'string') {
      if (shapes.has('json-string') && entry.trimStart().startsWith('{')) {
        try {
          const inner: unknown = JSON.parse(entry);
          const item = readEntry(inner);
          if (item !== undefined && item.shape === 'object') return item;
        } catch {
          // Not JSON after all: the text of a plain-string entry.
        }
      }
      return { text: entry, shape: 'string' };
    }
    if (!isObject(entry)) return undefined;
    if (typeof entry.msg === 'string') {
      const item: { text: string; shape: 'object'; from?: string; to?: string } = {
        text: entry.msg,
        shape: 'object',
      };
      if (typeof entry.msg_from === 'string') {
        // A server naming senders by username is read as naming them by full name.
        item.from = shapes.has('object-usernames')
          ? (fullNameOf.get(entry.msg_from.trim()) ?? entry.msg_from)
          : entry.msg_from;
      }
      if (typeof entry.msg_to === 'string') {
        item.to = shapes.has('object-usernames')
          ? (fullNameOf.get(entry.msg_to.trim()) ?? entry.msg_to)
          : entry.msg_to;
      }
      return item;
    }
    if (shapes.has('from-message') && typeof entry.message === 'string') {
      const item: { text: string; shape: 'object'; from?: string } = {
        text: entry.message,
        shape: 'object',
      };
      if (typeof entry.from === 'string') {
        item.from = fullNameOf.get(entry.from.trim()) ?? entry.from;
      }
      return item;
    }
    return undefined;
  };

  const entryWords = shapes.has('from-message')
    ? 'a string, an object with a string "msg" or an object with a string "message"'
    : 'a string nor an object with a string "msg"';

  /** Entries already shown per reader, per key (non-destructive inboxes only). */
  const shown = new Map<string, Map<string, string[]>>();
  const cache = new WeakMap<object, Map<string, Read<ReadonlyMap<string, readonly InboxItem[]>>>>();

  const readInbox = (
    reply: JsonObject,
    reader?: string,
  ): Read<ReadonlyMap<string, readonly InboxItem[]>> => {
    const memo = reader === undefined ? undefined : cache.get(reply)?.get(reader);
    if (memo !== undefined) return memo;
    const messages = reply[inboxSpec.key];
    const key = inboxSpec.key;
    if (!isObject(messages)) return no(`"${key}" is ${describe(messages)}, not an object`);
    const out = new Map<string, InboxItem[]>();
    const rules: string[] = [];
    let noticeRead = false;
    for (const [peer, entries] of Object.entries(messages)) {
      if (!Array.isArray(entries)) {
        return no(`"${key}.${peer}" is ${describe(entries)}, not an array`);
      }
      const items: InboxItem[] = [];
      for (const [i, entry] of entries.entries()) {
        if (inboxSpec.fileNotices === true && isFileNotice(entry)) {
          noticeRead = true;
          continue;
        }
        const item = readEntry(entry);
        if (item === undefined) {
          return no(
            `"${key}.${peer}[${i}]" is neither ${entryWords}`.replace(
              'neither a string, an',
              'not a string, an',
            ),
          );
        }
        items.push(item);
      }
      if (inboxSpec.order === 'newest-first') items.reverse();
      // Group messages listed under their sender, with msg_to the group: put them back.
      if (inboxSpec.groupKey === 'sender') {
        const stay: InboxItem[] = [];
        for (const item of items) {
          const to = item.to?.trim();
          const sentTo = sentToMembers.get(item.text.trim());
          const group = to !== undefined && groupIds.has(to) ? to : sentTo;
          if (group !== undefined) {
            const list = out.get(group) ?? [];
            list.push(item);
            out.set(group, list);
          } else stay.push(item);
        }
        const list = out.get(peer) ?? [];
        list.push(...stay);
        out.set(peer, list);
      } else {
        out.set(peer, items);
      }
    }
    if (noticeRead) rules.push('replies.inbox.fileNotices');
    if (inboxSpec.order === 'newest-first') rules.push('replies.inbox.order');
    if (inboxSpec.groupKey === 'sender') rules.push('replies.inbox.groupKey');
    if (!inboxSpec.destructive && reader !== undefined) {
      rules.push('replies.inbox.destructive');
      let seen = shown.get(reader);
      if (seen === undefined) {
        if (shown.size >= MAX_REMEMBERED_READERS) shown.delete(shown.keys().next().value!);
        seen = new Map();
        shown.set(reader, seen);
      }
      for (const [peer, items] of out) {
        const before = seen.get(peer) ?? [];
        const texts = items.map((i) => i.text);
        const continues = before.every((t, i) => texts[i] === t);
        seen.set(peer, texts);
        const fresh = continues ? items.slice(before.length) : items;
        if (fresh.length === 0) out.delete(peer);
        else out.set(peer, fresh);
      }
    }
    const result = ok<ReadonlyMap<string, readonly InboxItem[]>>(
      out,
      rules.length > 0 ? rules.join(', ') : undefined,
    );
    if (reader !== undefined) {
      const bySession = cache.get(reply) ?? new Map();
      bySession.set(reader, result);
      cache.set(reply, bySession);
    }
    return result;
  };

  const readGroupInbox = (reply: JsonObject): Read<readonly InboxItem[]> => {
    const key = groups.inboxKey ?? 'message';
    const list = reply[key];
    if (!Array.isArray(list)) return no(`"${key}" is ${describe(list)}, not an array`);
    const items: InboxItem[] = [];
    for (const [i, entry] of list.entries()) {
      const item = readEntry(entry);
      if (item === undefined) return no(`"${key}[${i}]" is neither ${entryWords}`);
      items.push(item);
    }
    if (inboxSpec.order === 'newest-first') items.reverse();
    return ok(items, 'groups.inbox');
  };

  return { readInbox, readGroupInbox };
}
