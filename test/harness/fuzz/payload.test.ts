import { describe, expect, it } from 'vitest';
import { payloadBase64, payloadBytes } from '../../../harness/fuzz/payload.js';

describe('payloads', () => {
  it('derive the same bytes from the same size, seed and kind', () => {
    const spec = { bytes: 1000, seed: 42, kind: 'binary' as const };
    expect(payloadBytes(spec).equals(payloadBytes(spec))).toBe(true);
    expect(payloadBytes(spec).equals(payloadBytes({ ...spec, seed: 43 }))).toBe(false);
  });

  it('have exactly the size asked for, in every kind', () => {
    for (const kind of ['binary', 'text', 'zeros'] as const) {
      for (const bytes of [1, 3, 4, 5, 4097]) {
        expect(payloadBytes({ bytes, seed: 1, kind })).toHaveLength(bytes);
      }
    }
  });

  it('cover every byte value when binary, and none but printable text when text', () => {
    const binary = payloadBytes({ bytes: 64 * 1024, seed: 9, kind: 'binary' });
    expect(new Set(binary).size).toBe(256);
    const text = payloadBytes({ bytes: 4096, seed: 9, kind: 'text' });
    expect([...text].every((b) => b === 0x0a || (b >= 0x20 && b < 0x7f))).toBe(true);
  });

  it('travel as base64, and an empty file as no data at all', () => {
    const spec = { bytes: 10, seed: 3, kind: 'binary' as const };
    expect(Buffer.from(payloadBase64(spec), 'base64').equals(payloadBytes(spec))).toBe(true);
    expect(payloadBase64({ bytes: 0, seed: 3, kind: 'binary' })).toBe('');
  });
});
