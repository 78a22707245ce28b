/** The audit's compact encodings are exact: whatever goes in comes out, order included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RangeSetBuilder,
  countRanges,
  decodeRanges,
  decodeRuns,
  encodeRanges,
  encodeRuns,
  rangesContain,
  unionRanges,
} from '../../../../results/load/audit/seq-encoding.js';

describe('seq encodings', () => {
  it('runs keep any list exactly, order and repeats included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), (seqs) => {
        expect(decodeRuns(encodeRuns(seqs))).toEqual(seqs);
      }),
    );
  });

  it('runs are short for what a recipient sees: every n-th seq', () => {
    const seqs = Array.from({ length: 1000 }, (_, i) => 3 + 5 * i);
    expect(encodeRuns(seqs)).toEqual([3, 5, 1000]);
  });

  it('ranges keep a set exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 200 }), (seqs) => {
        const unique = [...new Set(seqs)].sort((a, b) => a - b);
        const ranges = encodeRanges(seqs);
        expect(decodeRanges(ranges)).toEqual(unique);
        expect(countRanges(ranges)).toBe(unique.length);
        for (let s = 0; s <= 501; s++) expect(rangesContain(ranges, s)).toBe(unique.includes(s));
      }),
    );
  });

  it('a builder fed in any order equals the encoding of the set (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 100 }), (seqs) => {
        const builder = new RangeSetBuilder();
        for (const s of seqs) builder.add(s);
        expect(builder.toArray()).toEqual(encodeRanges(seqs));
        expect(builder.count).toBe(seqs.length);
      }),
    );
  });

  it('in-order acks make one range', () => {
    const builder = new RangeSetBuilder();
    for (let s = 0; s < 10_000; s++) builder.add(s);
    expect(builder.toArray()).toEqual([0, 10_000]);
  });

  it('unions ranges', () => {
    expect(
      unionRanges([
        [0, 3, 10, 12],
        [2, 5, 12, 13],
      ]),
    ).toEqual([0, 5, 10, 13]);
  });
});
