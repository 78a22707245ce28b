/** The page's rooms: one per person and group of the fixture, plus anyone else who wrote. */
import type { ChatMessage, HelloMessage, RoomRef } from '../bridge/protocol.js';

export interface ShownMessage {
  readonly from: string;
  readonly text: string;
  readonly atMs: number;
  readonly mine: boolean;
}

export interface RoomView {
  readonly key: string;
  readonly ref: RoomRef;
  readonly title: string;
  readonly subtitle: string;
  readonly messages: readonly ShownMessage[];
  readonly unread: number;
}

/** Messages kept per room; older ones scroll away rather than grow the page without limit. */
const MAX_MESSAGES_PER_ROOM = 500;

export function keyOf(ref: RoomRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function initialRooms(hello: HelloMessage, me: string): RoomView[] {
  const people = hello.users
    .filter((u) => u.username !== me)
    .map((u): RoomView => ({
      key: keyOf({ kind: 'user', id: u.username }),
      ref: { kind: 'user', id: u.username },
      title: u.name,
      subtitle: u.username,
      messages: [],
      unread: 0,
    }));
  const groups = hello.groups.map((g): RoomView => ({
    key: keyOf({ kind: 'group', id: g.id }),
    ref: { kind: 'group', id: g.id },
    title: g.name,
    subtitle: `${g.id} · ${g.members.join(', ')}${g.members.includes(me) ? '' : ' (you are not a member)'}`,
    messages: [],
    unread: 0,
  }));
  return [...people, ...groups];
}

/** Display name of a username (full name where the fixture has one). */
export function displayName(hello: HelloMessage, who: string): string {
  return hello.users.find((u) => u.username === who)?.name ?? who;
}

function append(room: RoomView, message: ShownMessage, unread: boolean): RoomView {
  const messages = [...room.messages, message].slice(-MAX_MESSAGES_PER_ROOM);
  return { ...room, messages, unread: room.unread + (unread ? 1 : 0) };
}

/** Adds messages, each to its room (a room is made for a sender the fixture does not list). */
export function addIncoming(
  rooms: readonly RoomView[],
  incoming: readonly ChatMessage[],
  hello: HelloMessage,
  current: string | undefined,
): RoomView[] {
  let next = [...rooms];
  for (const message of incoming) {
    const key = keyOf(message.room);
    let index = next.findIndex((r) => r.key === key);
    if (index < 0) {
      next = [
        ...next,
        {
          key,
          ref: message.room,
          title:
            message.room.kind === 'user' ? displayName(hello, message.room.id) : message.room.id,
          subtitle:
            message.room.kind === 'user'
              ? `${message.room.id} (not in the fixture)`
              : 'group (not in the fixture)',
          messages: [],
          unread: 0,
        },
      ];
      index = next.length - 1;
    }
    const shown: ShownMessage = {
      from: displayName(hello, message.from),
      text: message.text,
      atMs: message.atMs,
      mine: message.mine,
    };
    next[index] = append(next[index]!, shown, key !== current);
  }
  return next;
}

export function addOwn(rooms: readonly RoomView[], key: string, message: ShownMessage): RoomView[] {
  return rooms.map((r) => (r.key === key ? append(r, message, false) : r));
}

export function markRead(rooms: readonly RoomView[], key: string): RoomView[] {
  return rooms.map((r) => (r.key === key && r.unread > 0 ? { ...r, unread: 0 } : r));
}
