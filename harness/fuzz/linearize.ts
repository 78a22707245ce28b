/**
 * Linearizability of one parallel history: is there an order of the branches' operations,
 * keeping each branch's own order and every real-time precedence (an operation whose reply
 * came before another was sent goes first), in which the model gives every reply the server
 * gave, and then every epilogue read? Depth-first search in the manner of Wing & Gong, with
 * the states already tried at each frontier remembered so no state is explored twice.
 */
import type { ReadOutcome } from '../client/connection.js';
import type { Judgement } from './judge.js';
import type { FuzzModel } from './model.js';
import type { Resolved } from './resolve.js';

export interface HistoryOp {
  /** 0-based branch, or -1 for the epilogue. */
  readonly branch: number;
  /** 0-based within its branch. */
  readonly index: number;
  readonly resolved: Resolved;
  readonly outcome: ReadOutcome;
  /** performance.now() just before the request was written. */
  readonly sentAt: number;
  /** performance.now() once its reply (or timeout) was read. */
  readonly receivedAt: number;
}

export interface Explained {
  readonly op: HistoryOp;
  readonly judgement: Judgement;
}

export type LinearizeResult =
  | { readonly kind: 'linearizable'; readonly order: readonly Explained[] }
  | {
      readonly kind: 'not-linearizable';
      /** The interleaving that explained the most operations, and where it broke. */
      readonly closest: readonly Explained[];
      readonly breaking: Explained;
    }
  | { readonly kind: 'inconclusive'; readonly nodes: number };

export interface LinearizeInput {
  readonly start: FuzzModel;
  readonly branches: readonly (readonly HistoryOp[])[];
  readonly epilogue: readonly HistoryOp[];
  /** Judges one operation against the model, changing the model. */
  readonly judge: (model: FuzzModel, op: HistoryOp) => Judgement;
  readonly failing: (judgement: Judgement) => boolean;
  /** Operations judged before giving up. */
  readonly maxNodes: number;
}

class Inconclusive extends Error {}

export function linearize(input: LinearizeInput): LinearizeResult {
  const { branches, epilogue } = input;
  const positions = branches.map(() => 0);
  const order: Explained[] = [];
  const seen = new Set<string>();
  const interned = new Map<string, number>();
  const intern = (data: string): number => {
    let id = interned.get(data);
    if (id === undefined) {
      id = interned.size;
      interned.set(data, id);
    }
    return id;
  };
  let nodes = 0;
  let closest: { order: Explained[]; breaking: Explained } | undefined;

  const tryOp = (
    model: FuzzModel,
    op: HistoryOp,
  ): { next: FuzzModel; explained: Explained } | undefined => {
    if (++nodes > input.maxNodes) throw new Inconclusive();
    const next = model.clone();
    const judgement = input.judge(next, op);
    const explained = { op, judgement };
    if (input.failing(judgement)) {
      if (closest === undefined || order.length > closest.order.length) {
        closest = { order: [...order], breaking: explained };
      }
      return undefined;
    }
    return { next, explained };
  };

  const finish = (model: FuzzModel): boolean => {
    let current = model;
    const depth = order.length;
    for (const op of epilogue) {
      const step = tryOp(current, op);
      if (step === undefined) {
        order.length = depth;
        return false;
      }
      order.push(step.explained);
      current = step.next;
    }
    return true;
  };

  const search = (model: FuzzModel): boolean => {
    if (positions.every((p, b) => p === branches[b]!.length)) return finish(model);
    const key = `${positions.join(',')}|${model.fingerprint(intern)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    for (let b = 0; b < branches.length; b++) {
      const op = branches[b]![positions[b]!];
      if (op === undefined || !mayGoNext(op, b)) continue;
      const step = tryOp(model, op);
      if (step === undefined) continue;
      positions[b]!++;
      order.push(step.explained);
      if (search(step.next)) return true;
      order.pop();
      positions[b]!--;
    }
    return false;
  };

  /** No other branch's next operation finished before this one was sent. */
  const mayGoNext = (op: HistoryOp, branch: number): boolean =>
    branches.every((other, c) => {
      if (c === branch) return true;
      const head = other[positions[c]!];
      return head === undefined || head.receivedAt >= op.sentAt;
    });

  try {
    if (search(input.start)) return { kind: 'linearizable', order: [...order] };
  } catch (error) {
    if (error instanceof Inconclusive) return { kind: 'inconclusive', nodes };
    throw error;
  }
  if (closest === undefined) throw new Error('no interleaving was tried');
  return { kind: 'not-linearizable', closest: closest.order, breaking: closest.breaking };
}
