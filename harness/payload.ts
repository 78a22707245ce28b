/**
 * File contents for scenarios: generated, not stored, so a 1 MiB case costs no repository
 * space and is the same bytes in every run (specs/seeded.ts).
 */
import { decodeBase64, seededBytes } from '../specs/index.js';
import type { PayloadSpec } from './conformance/scenario/types.js';

/** The payload's bytes; `fill` expands templates in a text payload. */
export function payloadBytes(spec: PayloadSpec, fill: (template: string) => string): Buffer {
  switch (spec.kind) {
    case 'random':
      return seededBytes(spec.bytes, spec.seed);
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
