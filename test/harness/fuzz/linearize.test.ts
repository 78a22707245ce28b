import { describe, expect, it } from 'vitest';
import type { ReadOutcome } from '../../../harness/client/connection.js';
import { isFailing } from '../../../harness/fuzz/compare.js';
import { judge } from '../../../harness/fuzz/judge.js';
import { linearize, type HistoryOp } from '../../../harness/fuzz/linearize.js';
import { resolveStep } from '../../../harness/fuzz/resolve.js';
import type { Op } from '../../../harness/fuzz/steps.js';
import { canonicalDialect } from '../../../specs/index.js';
import { U, loggedInModel, reply, world } from './support/model.js';

const ctx = { dialect: canonicalDialect, timeoutMs: 2000, usernames: world.userNames };
const as = (user: number) => ({ kind: 'user' as const, user });
const start = loggedInModel();
const SENT = reply({ status: 'OK', message: 'Message Sent' });

function op(
  branch: number,
  index: number,
  o: Op,
  outcome: ReadOutcome,
  sentAt: number,
  receivedAt: number,
): HistoryOp {
  const resolved = resolveStep({ conn: 0, form: 'plain', op: o }, start, world, canonicalDialect);
  return { branch, index, resolved, outcome, sentAt, receivedAt };
}

function inboxOf(user: number, messages: object, at = 100): HistoryOp {
  return op(
    -1,
    0,
    { cmd: 'INBOX', session: as(user) },
    reply({ status: 'OK', messages }),
    at,
    at + 1,
  );
}

function check(branches: HistoryOp[][], epilogue: HistoryOp[], maxNodes = 10_000) {
  return linearize({
    start,
    branches,
    epilogue,
    judge: (model, o) => judge(model, o.resolved, o.outcome, ctx),
    failing: (j) => isFailing(j.verdict, false),
    maxNodes,
  });
}

const entry = (from: string, to: string, msg: string) => ({ msg_from: from, msg_to: to, msg });

describe('linearize', () => {
  const fromMessi = op(
    0,
    0,
    { cmd: 'SEND', session: as(U.messi), to: as(U.henderson), text: 'x' },
    SENT,
    0,
    10,
  );
  const fromLineker = op(
    1,
    0,
    { cmd: 'SEND', session: as(U.lineker), to: as(U.henderson), text: 'y' },
    SENT,
    0,
    10,
  );

  it('accepts concurrent sends whose messages all arrive', () => {
    const result = check(
      [[fromMessi], [fromLineker]],
      [
        inboxOf(U.henderson, {
          lineker: [entry('Gary Lineker', 'Jordan Henderson', 'y')],
          messi: [entry('Lionel Messi', 'Jordan Henderson', 'x')],
        }),
      ],
    );
    expect(result.kind).toBe('linearizable');
    if (result.kind === 'linearizable') expect(result.order).toHaveLength(3);
  });

  it('finds no interleaving when one of them is lost, and says where the closest one broke', () => {
    const result = check(
      [[fromMessi], [fromLineker]],
      [inboxOf(U.henderson, { lineker: [entry('Gary Lineker', 'Jordan Henderson', 'y')] })],
    );
    expect(result.kind).toBe('not-linearizable');
    if (result.kind !== 'not-linearizable') return;
    expect(result.breaking.op.branch).toBe(-1);
    expect(result.breaking.judgement.requirement).toBe('SEND-2');
    expect(result.closest).toHaveLength(2);
  });

  it('uses the order of sends when reads overlap them, but never against real time', () => {
    const send = op(
      0,
      0,
      { cmd: 'SEND', session: as(U.messi), to: as(U.henderson), text: 'x' },
      SENT,
      0,
      10,
    );
    const emptyRead = (sentAt: number) =>
      op(
        1,
        0,
        { cmd: 'INBOX', session: as(U.henderson) },
        reply({ status: 'OK', messages: {} }),
        sentAt,
        sentAt + 10,
      );
    const leftover = inboxOf(U.henderson, {
      messi: [entry('Lionel Messi', 'Jordan Henderson', 'x')],
    });
    // The read overlapped the send: it may have come first and seen nothing.
    expect(check([[send], [emptyRead(5)]], [leftover]).kind).toBe('linearizable');
    // The read started after the send had been answered: it must have seen the message.
    expect(check([[send], [emptyRead(20)]], [leftover]).kind).toBe('not-linearizable');
  });

  it('keeps each branch in its own order', () => {
    const one = op(
      0,
      0,
      { cmd: 'SEND', session: as(U.messi), to: as(U.henderson), text: 'one' },
      SENT,
      0,
      1,
    );
    const two = op(
      0,
      1,
      { cmd: 'SEND', session: as(U.messi), to: as(U.henderson), text: 'two' },
      SENT,
      2,
      3,
    );
    const other = op(
      1,
      0,
      { cmd: 'MY_FILE', session: as(U.aul) },
      reply({ status: 'OK', messages: {} }),
      0,
      3,
    );
    const reversed = inboxOf(U.henderson, {
      messi: [
        entry('Lionel Messi', 'Jordan Henderson', 'two'),
        entry('Lionel Messi', 'Jordan Henderson', 'one'),
      ],
    });
    expect(check([[one, two], [other]], [reversed]).kind).toBe('not-linearizable');
  });

  it('gives up past its bound instead of searching forever', () => {
    const many = (branch: number) =>
      Array.from({ length: 4 }, (_, i) =>
        op(
          branch,
          i,
          { cmd: 'MY_FILE', session: as(U.aul) },
          reply({ status: 'OK', messages: {} }),
          0,
          100,
        ),
      );
    const impossible = inboxOf(U.aul, { messi: ['never sent'] }, 200);
    expect(check([many(0), many(1), many(2)], [impossible], 50)).toEqual({
      kind: 'inconclusive',
      nodes: 51,
    });
  });
});
