/**
 * File contents for generated sends. A step carries only a size, a seed and a kind; the bytes
 * are derived here, so that fast-check shrinks a 60 KiB file by shrinking two numbers instead
 * of sixty thousand array elements, and the same step always sends the same bytes.
 */

export const PAYLOAD_KINDS = ['binary', 'text', 'zeros'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

export interface PayloadSpec {
  readonly bytes: number;
  readonly seed: number;
  readonly kind: PayloadKind;
}

/** mulberry32: small, fast and good enough to make bytes look random. */
function nextRandom(state: { s: number }): number {
  state.s = (state.s + 0x6d2b79f5) | 0;
  let t = state.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

const TEXT_ALPHABET = Buffer.from(
  'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,\n',
);

export function payloadBytes(spec: PayloadSpec): Buffer {
  const out = Buffer.alloc(spec.bytes);
  if (spec.kind === 'zeros') return out;
  const state = { s: spec.seed | 0 };
  if (spec.kind === 'text') {
    for (let i = 0; i < out.length; i++) {
      out[i] = TEXT_ALPHABET[nextRandom(state) % TEXT_ALPHABET.length]!;
    }
    return out;
  }
  let i = 0;
  for (; i + 4 <= out.length; i += 4) out.writeUInt32LE(nextRandom(state), i);
  for (; i < out.length; i++) out[i] = nextRandom(state) & 0xff;
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
