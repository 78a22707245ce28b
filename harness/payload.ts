/**
 * File contents for scenarios: generated, not stored, so a 1 MiB case costs no repository
 * space and is the same bytes in every run (a seeded generator).
 */
import { decodeBase64 } from '../specs/index.js';
import type { PayloadSpec } from './scenario/types.js';

/** xorshift32: fast, seedable, good enough to make bytes that are not text. */
function randomBytes(count: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(count);
  let x = (seed | 0) === 0 ? 0x9e3779b9 : seed | 0;
  let i = 0;
  while (i + 4 <= count) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeInt32LE(x, i);
    i += 4;
  }
  while (i < count) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i++] = x & 0xff;
  }
  return out;
}

/** The payload's bytes; `fill` expands templates in a text payload. */
export function payloadBytes(spec: PayloadSpec, fill: (template: string) => string): Buffer {
  switch (spec.kind) {
    case 'random':
      return randomBytes(spec.bytes, spec.seed);
    case 'text':
      return Buffer.from(fill(spec.text), 'utf8');
    case 'base64':
      return decodeBase64(spec.base64) ?? Buffer.alloc(0); // checked by the schema
    case 'allByteValues':
      return Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    case 'repeat':
      return Buffer.from(spec.text.repeat(spec.times), 'utf8');
  }
}
