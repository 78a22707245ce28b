import { describe, expect, it } from 'vitest';
import { SEED_FIXTURE, type InboxItem } from '../../specs/index.js';
import { inboxMessages } from '../../client/rooms.js';

const inbox = (entries: Record<string, InboxItem[]>) => new Map(Object.entries(entries));

describe('inboxMessages', () => {
  it('puts personal messages in the sender’s room and group messages in the group’s', () => {
    const messages = inboxMessages(
      inbox({
        henderson: [
          { text: ' halo \r\n', shape: 'object', from: 'Jordan Henderson', to: 'Lionel Messi' },
        ],
        group1: [
          { text: 'hi all', shape: 'object', from: 'Gary Lineker', to: 'Lionel Messi' },
          { text: 'mine', shape: 'object', from: 'Lionel Messi', to: 'Lionel Messi' },
        ],
      }),
      SEED_FIXTURE,
      'messi',
      5,
    );
    expect(messages).toEqual([
      {
        room: { kind: 'user', id: 'henderson' },
        from: 'henderson',
        text: 'halo',
        atMs: 5,
        mine: false,
      },
      {
        room: { kind: 'group', id: 'group1' },
        from: 'lineker',
        text: 'hi all',
        atMs: 5,
        mine: false,
      },
      { room: { kind: 'group', id: 'group1' }, from: 'messi', text: 'mine', atMs: 5, mine: true },
    ]);
  });

  it('finds the group when a server keys group messages by sender with msg_to the group', () => {
    const [message] = inboxMessages(
      inbox({ lineker: [{ text: 'x', shape: 'object', from: 'lineker', to: 'group1' }] }),
      SEED_FIXTURE,
      'messi',
      0,
    );
    expect(message?.room).toEqual({ kind: 'group', id: 'group1' });
    expect(message?.from).toBe('lineker');
  });

  it('keeps a sender the fixture does not know, and plain-string entries', () => {
    const [message] = inboxMessages(
      inbox({ stranger: [{ text: 'yo', shape: 'string' }] }),
      SEED_FIXTURE,
      'messi',
      0,
    );
    expect(message).toMatchObject({
      room: { kind: 'user', id: 'stranger' },
      from: 'stranger',
      text: 'yo',
    });
  });
});
