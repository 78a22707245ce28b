/**
 * The fuzzer's inbox comparison: order across senders of a group counts only where the wire
 * shows it. A server that lists group messages under their senders shows each sender's own
 * order, never the interleaving; a message lost or out of its sender's order still fails.
 */
import { describe, expect, it } from 'vitest';
import { compareInbox } from '../../../harness/fuzz/compare.js';
import type { InboxEntry, InboxItem } from '../../../specs/index.js';

const users = new Set(['messi', 'henderson']);
const entry = (from: string, msg: string): InboxEntry => ({
  msg_from: from,
  msg_to: 'group1',
  msg,
});
const item = (from: string, text: string): InboxItem => ({
  text,
  shape: 'object',
  from,
  to: 'group1',
});

const sent = [
  entry('Lionel Messi', 'a'),
  entry('Jordan Henderson', 'b'),
  entry('Lionel Messi', 'c'),
];

describe('compareInbox on a group', () => {
  it('fails another interleaving where the server lists the group as one list', () => {
    const got = [
      item('Lionel Messi', 'a'),
      item('Lionel Messi', 'c'),
      item('Jordan Henderson', 'b'),
    ];
    const findings = compareInbox({ group1: sent }, new Map([['group1', got]]), users);
    expect(findings.map((f) => f.requirement)).toEqual(['GROUP-6']);
  });

  it('accepts it where group messages are listed under their senders', () => {
    const got = [
      item('Lionel Messi', 'a'),
      item('Lionel Messi', 'c'),
      item('Jordan Henderson', 'b'),
    ];
    expect(
      compareInbox({ group1: sent }, new Map([['group1', got]]), users, {
        groupsUnderSenders: true,
      }),
    ).toEqual([]);
  });

  it('still fails one sender’s messages out of their own order, or one lost', () => {
    const swapped = [
      item('Lionel Messi', 'c'),
      item('Lionel Messi', 'a'),
      item('Jordan Henderson', 'b'),
    ];
    expect(
      compareInbox({ group1: sent }, new Map([['group1', swapped]]), users, {
        groupsUnderSenders: true,
      }).map((f) => f.requirement),
    ).toEqual(['GROUP-6']);
    const lost = [item('Lionel Messi', 'a'), item('Jordan Henderson', 'b')];
    expect(
      compareInbox({ group1: sent }, new Map([['group1', lost]]), users, {
        groupsUnderSenders: true,
      }).map((f) => f.requirement),
    ).toEqual(['GROUP-2']);
  });
});
