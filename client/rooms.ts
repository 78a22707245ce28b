/**
 * Where an inbox entry belongs: a personal room (the sender's username) or a group room.
 * The protocol keys personal messages by sender and group messages by group id, but servers
 * in the wild key group messages by sender with `msg_to` naming the group, and give full
 * names or usernames; a fixture maps both back to the people and groups a person knows.
 */
import type { Fixture, InboxItem } from '../specs/index.js';
import type { ChatMessage, RoomRef } from './chat-message.js';

export type { ChatMessage, RoomKind, RoomRef } from './chat-message.js';

export function roomKey(room: RoomRef): string {
  return `${room.kind}:${room.id}`;
}

/** Username for a full name or username; the text as given when nobody matches. */
function personOf(fixture: Fixture, who: string): string {
  const trimmed = who.trim();
  const user = fixture.users.find((u) => u.username === trimmed || u.name === trimmed);
  return user?.username ?? trimmed;
}

function groupOf(fixture: Fixture, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  return fixture.groups.find((g) => g.id === trimmed || g.name === trimmed)?.id;
}

/** Turns one inbox read into messages, in the order the server listed them. */
export function inboxMessages(
  inbox: ReadonlyMap<string, readonly InboxItem[]>,
  fixture: Fixture,
  me: string,
  atMs: number,
): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const [key, items] of inbox) {
    const keyGroup = groupOf(fixture, key);
    for (const item of items) {
      const group = keyGroup ?? groupOf(fixture, item.to);
      const from = personOf(fixture, item.from ?? (group === undefined ? key : '?'));
      const room: RoomRef =
        group === undefined
          ? { kind: 'user', id: personOf(fixture, key) }
          : { kind: 'group', id: group };
      // Original servers keep the leading space and the trailing CRLF in the stored text.
      out.push({ room, from, text: item.text.trim(), atMs, mine: from === me });
    }
  }
  return out;
}
