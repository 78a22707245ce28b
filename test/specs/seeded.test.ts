import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, seededBytes } from '../../specs/index.js';
import { payloadBytes as scenarioPayload } from '../../harness/payload.js';
import { payloadBytes as fuzzPayload } from '../../harness/fuzz/payload.js';
import { makePayload } from '../../load/engine/payload.js';
import { seededRandom } from '../../load/rng.js';

describe('the one seeded generator', () => {
  it('gives the same bytes for the same seed, other bytes for another, any length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (count, seed) => {
        const bytes = seededBytes(count, seed);
        expect(bytes).toHaveLength(count);
        expect(seededBytes(count, seed).equals(bytes)).toBe(true);
      }),
    );
    expect(seededBytes(64, 1).equals(seededBytes(64, 2))).toBe(false);
    // A prefix of a longer run is the shorter run: sizes shrink without changing the start.
    expect(seededBytes(64, 5).subarray(0, 61).equals(seededBytes(61, 5))).toBe(true);
  });

  it("is the stream's words, little-endian, with the last word's low bytes at the end", () => {
    for (const count of [0, 3, 4, 9, 4096, 10_001]) {
      const next = mulberry32(11);
      const expected = Buffer.alloc(count);
      let i = 0;
      for (; i + 4 <= count; i += 4) expected.writeUInt32LE(next(), i);
      for (; i < count; i++) expected[i] = next() & 0xff;
      expect(seededBytes(count, 11).equals(expected)).toBe(true);
    }
  });

  it('is what scenarios, fuzz cases and load runs send for a seed', () => {
    const bytes = seededBytes(1000, 7);
    expect(scenarioPayload({ kind: 'random', bytes: 1000, seed: 7 }, (t) => t).equals(bytes)).toBe(
      true,
    );
    expect(fuzzPayload({ kind: 'binary', bytes: 1000, seed: 7 }).equals(bytes)).toBe(true);
    const load = makePayload(1000, 7);
    expect(Buffer.from(load.data, 'base64').equals(seededBytes(1000, 7 ^ 0x5f11e))).toBe(true);
  });

  it("drives the load generator's choices too, as fractions of the same stream", () => {
    const next = mulberry32(42);
    const random = seededRandom(42);
    for (let i = 0; i < 100; i++) {
      const fraction = random();
      expect(fraction).toBeGreaterThanOrEqual(0);
      expect(fraction).toBeLessThan(1);
      expect(fraction).toBe(next() / 2 ** 32);
    }
  });
});
