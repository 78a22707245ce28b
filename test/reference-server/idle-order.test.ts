/**
 * The order the reference server closes idle connections in when it is full: longest idle
 * first, a connection that sends moves to the end, one that closes leaves. Checked against
 * a plain model (an array kept in the same order) over random sequences of operations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdleOrder, type IdleLink } from '../../reference-server/idle-order.js';

type Op =
  | { readonly kind: 'add' }
  | { readonly kind: 'touch'; readonly pick: number }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'shift' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'add' } as const),
  fc.record({ kind: fc.constant('touch' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.constant({ kind: 'shift' } as const),
);

describe('IdleOrder', () => {
  it('keeps the longest idle first, as a list reordered by hand would', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const order = new IdleOrder<number>();
        const model: number[] = [];
        // Every link ever handed out, removed ones too: touching or removing those is a no-op.
        const links: IdleLink<number>[] = [];
        for (const o of ops) {
          if (o.kind === 'add') {
            links.push(order.add(links.length));
            model.push(links.length - 1);
          } else if (o.kind === 'shift') {
            expect(order.shift()).toBe(model.shift());
          } else if (links.length > 0) {
            const link = links[o.pick % links.length]!;
            const at = model.indexOf(link.item);
            if (o.kind === 'touch') {
              order.touch(link);
              if (at !== -1) model.push(...model.splice(at, 1));
            } else {
              order.remove(link);
              if (at !== -1) model.splice(at, 1);
            }
          }
          expect(order.items()).toEqual(model);
          expect(order.size).toBe(model.length);
        }
      }),
    );
  });

  it('moves items to the end, removes one twice harmlessly, and empties longest idle first', () => {
    const order = new IdleOrder<string>();
    const a = order.add('a');
    order.add('b');
    const c = order.add('c');
    order.touch(a);
    order.touch(c);
    expect(order.items()).toEqual(['b', 'a', 'c']);
    order.remove(a);
    order.remove(a);
    expect(order.items()).toEqual(['b', 'c']);
    expect(order.shift()).toBe('b');
    expect(order.shift()).toBe('c');
    expect(order.shift()).toBeUndefined();
    expect(order.size).toBe(0);
  });
});
