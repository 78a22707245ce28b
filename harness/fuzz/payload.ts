/**
 * File contents for generated sends. A step carries only a size, a seed and a kind; the bytes
 * are derived here, so that fast-check shrinks a 60 KiB file by shrinking two numbers instead
 * of sixty thousand array elements, and the same step always sends the same bytes
 * (specs/seeded.ts).
 */
import { mulberry32, seededBytes } from '../../specs/index.js';

export const PAYLOAD_KINDS = ['binary', 'text', 'zeros'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

export interface PayloadSpec {
  readonly bytes: number;
  readonly seed: number;
  readonly kind: PayloadKind;
}

const TEXT_ALPHABET = Buffer.from(
  'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,\n',
);

export function payloadBytes(spec: PayloadSpec): Buffer {
  if (spec.kind === 'binary') return seededBytes(spec.bytes, spec.seed);
  const out = Buffer.alloc(spec.bytes);
  if (spec.kind === 'zeros') return out;
  const next = mulberry32(spec.seed);
  for (let i = 0; i < out.length; i++) out[i] = TEXT_ALPHABET[next() % TEXT_ALPHABET.length]!;
  return out;
}

/** The base64 that travels on the wire; empty for a 0-byte file (no data param). */
export function payloadBase64(spec: PayloadSpec): string {
  return spec.bytes === 0 ? '' : payloadBytes(spec).toString('base64');
}

export function describePayload(spec: PayloadSpec): string {
  return spec.bytes === 0
    ? 'an empty file'
    : `${spec.bytes} ${spec.kind} bytes (seed ${spec.seed})`;
}
