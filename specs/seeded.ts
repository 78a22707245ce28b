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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `count` bytes from `seed`: the same bytes for the same seed, in every run and process. */
export function seededBytes(count: number, seed: number): Buffer {
  const next = mulberry32(seed);
  // Its own memory (not the shared pool), so a 32-bit view of it starts aligned.
  const out = Buffer.allocUnsafeSlow(count);
  let i = 0;
  if (LITTLE_ENDIAN) {
    // The same bytes as writeUInt32LE, a word per store instead of a checked call per word.
    const words = new Uint32Array(out.buffer, out.byteOffset, count >>> 2);
    for (let w = 0; w < words.length; w++) words[w] = next();
    i = words.length * 4;
  }
  for (; i + 4 <= count; i += 4) out.writeUInt32LE(next(), i);
  for (; i < count; i++) out[i] = next() & 0xff;
  return out;
}
