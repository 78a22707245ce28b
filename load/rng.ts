/**
 * A small seeded generator (mulberry32): each connection draws its ops from its own stream,
 * seeded from the run's seed and the connection's global index, so a run is reproducible
 * whether its connections live in one thread or are spread over workers.
 */
import { mulberry32 } from '../specs/seeded.js';

export type Random = () => number;

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** Mixes a run seed and an index into a connection's seed. */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
