/** A chat message as the page shows it, and the room it belongs to: plain data, shared with the page. */

export type RoomKind = 'user' | 'group';

export interface RoomRef {
  readonly kind: RoomKind;
  /** A username or a group id. */
  readonly id: string;
}

export interface ChatMessage {
  readonly room: RoomRef;
  /** Who wrote it: a username where the fixture knows the person, else as the server said. */
  readonly from: string;
  readonly text: string;
  /** When this client received it (the protocol carries no time). */
  readonly atMs: number;
  /** Written by the person logged in (their own copy of a group message). */
  readonly mine: boolean;
}
