/**
 * Judging a ledger: every acknowledged message reaches each recipient exactly once, under the
 * right key, in stream order; refused and unanswered messages are not owed to anyone.
 */
import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../../../specs/index.js';
import { AuditLedger, mergeLedgers } from '../../../../results/load/audit/ledger.js';
import {
  formatMessageText,
  parseMessageText,
  streamKeyOf,
} from '../../../../results/load/audit/message-id.js';
import { verifyLedger } from '../../../../results/index.js';

const GROUPS = { g1: ['a', 'b', 'c'] };
const P = streamKeyOf('r1', '0.0.1', 'p');
const G = streamKeyOf('r1', '0.0.1', 'g');

function items(...seqs: Array<number | string>): InboxItem[] {
  return seqs.map((s) => ({
    text: typeof s === 'number' ? ` ${formatMessageText(P, s, 0)} \r\n` : s,
    shape: 'object',
  }));
}

/** Sender a writes seqs 0..n-1 to b (one target), all acknowledged. */
function ledgerWithAcks(n: number): AuditLedger {
  const ledger = new AuditLedger(GROUPS, 0);
  ledger.openStream(P, 'a', 'p', ['b']);
  for (let s = 0; s < n; s++) {
    ledger.sent(P, s);
    ledger.acknowledged(P, s);
  }
  return ledger;
}

describe('message ids', () => {
  it('survive padding and the whitespace servers keep around text', () => {
    const text = formatMessageText(P, 42, 80);
    expect(text).toHaveLength(80);
    expect(parseMessageText(`  ${text}\r\n`)).toEqual({ streamKey: P, seq: 42 });
    expect(parseMessageText('hello')).toBeUndefined();
    expect(parseMessageText('#cs:r1:x:q:1')).toBeUndefined();
  });
});

describe('verifyLedger', () => {
  it('passes when every message arrives once, in order, over several reads', () => {
    const ledger = ledgerWithAcks(6);
    ledger.inboxRead('b', new Map([['a', items(0, 1, 2)]]));
    ledger.inboxRead('b', new Map([['a', items(3, 4, 5, 'someone else wrote this')]]));
    const f = verifyLedger(ledger.encode());
    expect(f).toMatchObject({
      passed: true,
      acknowledged: 6,
      expectedDeliveries: 6,
      delivered: 6,
      lost: 0,
      duplicated: 0,
      reordered: 0,
      unexpected: 0,
      foreignEntries: 1,
    });
  });

  it('finds lost messages', () => {
    const ledger = ledgerWithAcks(4);
    ledger.inboxRead('b', new Map([['a', items(0, 2)]]));
    const f = verifyLedger(ledger.encode());
    expect(f.lost).toBe(2);
    expect(f.passed).toBe(false);
    expect(f.examples.lost[0]).toContain(`${'#cs:'}${P}:1 from a to b`);
  });

  it('finds duplicates within a read and across reads', () => {
    const ledger = ledgerWithAcks(3);
    ledger.inboxRead('b', new Map([['a', items(0, 1, 1)]]));
    ledger.inboxRead('b', new Map([['a', items(2, 0)]]));
    const f = verifyLedger(ledger.encode());
    expect(f.duplicated).toBe(2);
    expect(f.lost).toBe(0);
  });

  it('finds reordering within a read', () => {
    const ledger = ledgerWithAcks(4);
    ledger.inboxRead('b', new Map([['a', items(0, 2, 1, 3)]]));
    expect(verifyLedger(ledger.encode()).reordered).toBe(1);
  });

  it('finds reads whose blocks interleave, whatever order the reads came back in', () => {
    const ledger = ledgerWithAcks(4);
    ledger.inboxRead('b', new Map([['a', items(1, 3)]]));
    ledger.inboxRead('b', new Map([['a', items(0, 2)]]));
    expect(verifyLedger(ledger.encode()).reordered).toBe(1);
    // The same reads without interleaving are fine in either order.
    const fine = ledgerWithAcks(4);
    fine.inboxRead('b', new Map([['a', items(2, 3)]]));
    fine.inboxRead('b', new Map([['a', items(0, 1)]]));
    expect(verifyLedger(fine.encode()).reordered).toBe(0);
  });

  it('owes group messages to every member, the sender included, under the group id', () => {
    const ledger = new AuditLedger(GROUPS, 0);
    ledger.openStream(G, 'a', 'g', ['g1']);
    ledger.sent(G, 0);
    ledger.acknowledged(G, 0);
    const text = [{ text: formatMessageText(G, 0, 0), shape: 'object' as const }];
    ledger.inboxRead('a', new Map([['g1', text]]));
    ledger.inboxRead('b', new Map([['g1', text]]));
    const f = verifyLedger(ledger.encode());
    expect(f.expectedDeliveries).toBe(3);
    expect(f.lost).toBe(1);
    expect(f.examples.lost[0]).toMatch(/to c \(under "g1"\)/);
  });

  it("counts a group message missing only from its own sender's inbox apart, as the SHOULD GROUP-7", () => {
    const ledger = new AuditLedger(GROUPS, 0);
    ledger.openStream(G, 'a', 'g', ['g1']);
    ledger.sent(G, 0);
    ledger.acknowledged(G, 0);
    const text = [{ text: formatMessageText(G, 0, 0), shape: 'object' as const }];
    ledger.inboxRead('b', new Map([['g1', text]]));
    ledger.inboxRead('c', new Map([['g1', text]]));
    const f = verifyLedger(ledger.encode());
    expect(f).toMatchObject({ lost: 0, ownCopiesMissing: 1, passed: true });
  });

  it('calls a message under the wrong key, to the wrong user, or refused but delivered unexpected', () => {
    const ledger = new AuditLedger(GROUPS, 0);
    ledger.openStream(P, 'a', 'p', ['b']);
    for (const s of [0, 1, 2]) ledger.sent(P, s);
    ledger.acknowledged(P, 0);
    ledger.acknowledged(P, 1);
    ledger.refused(P, 2);
    ledger.inboxRead('b', new Map([['Alice Full Name', items(0)]]));
    ledger.inboxRead('c', new Map([['a', items(1)]]));
    ledger.inboxRead('b', new Map([['a', items(2)]]));
    const f = verifyLedger(ledger.encode());
    expect(f.unexpected).toBe(3);
    expect(f.lost).toBe(2);
    expect(f.refused).toBe(1);
    expect(f.examples.unexpected.join('\n')).toMatch(/although the server refused it/);
  });

  it('owes nothing for messages without a reply, and notes them if they arrive', () => {
    const ledger = new AuditLedger(GROUPS, 0);
    ledger.openStream(P, 'a', 'p', ['b']);
    ledger.sent(P, 0);
    ledger.sent(P, 1);
    ledger.inboxRead('b', new Map([['a', items(0)]]));
    const f = verifyLedger(ledger.encode());
    expect(f).toMatchObject({ passed: true, unanswered: 2, deliveredWithoutAck: 1, lost: 0 });
  });

  it('leaves messages of other runs aside', () => {
    const ledger = ledgerWithAcks(1);
    const other = formatMessageText(streamKeyOf('r2', '0.0.1', 'p'), 0, 0);
    ledger.inboxRead(
      'b',
      new Map([['a', [...items(0), { text: other, shape: 'string' as const }]]]),
    );
    const f = verifyLedger(ledger.encode());
    expect(f).toMatchObject({ passed: true, fromOtherRuns: 1 });
  });

  it('does not judge a ledger whose inboxes were never drained, and merges a drain in', () => {
    const shard = new AuditLedger(GROUPS);
    shard.openStream(P, 'a', 'p', ['b']);
    shard.sent(P, 0);
    shard.acknowledged(P, 0);
    const undrained = verifyLedger(shard.encode());
    expect(undrained).toMatchObject({ drained: false, passed: false, lost: 1 });

    const drain = new AuditLedger(GROUPS, 5000);
    drain.inboxRead('b', new Map([['a', items(0)]]));
    const merged = mergeLedgers([shard.encode(), drain.encode()]);
    expect(verifyLedger(merged, 4000)).toMatchObject({
      drained: true,
      drainedEarly: false,
      passed: true,
      lost: 0,
    });
    // A drain that began before the last engine stopped may have missed later messages.
    expect(verifyLedger(merged, 6000).drainedEarly).toBe(true);
  });
});
