/**
 * The one seeded generator: file contents for scenarios, fuzz cases and load runs, and the
 * load generator's op choices, all come from here, so a seed means the same bytes everywhere
 * and a run is reproducible from its seed alone.
 */

/** mulberry32: small, fast, and good enough to make bytes look random; uint32 values. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `count` bytes from `seed`: the same bytes for the same seed, in every run and process. */
export function seededBytes(count: number, seed: number): Buffer {
  const next = mulberry32(seed);
  const out = Buffer.allocUnsafe(count);
  let i = 0;
  for (; i + 4 <= count; i += 4) out.writeUInt32LE(next(), i);
  for (; i < count; i++) out[i] = next() & 0xff;
  return out;
}
