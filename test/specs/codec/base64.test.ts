import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalBase64,
  decodeBase64,
  isValidBase64,
  sameBase64Bytes,
} from '../../../specs/index.js';

describe('base64 as the course client decodes it (Python b64decode)', () => {
  it('takes what b64encode writes, and every byte value', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(decodeBase64(bytes.toString('base64'))).toEqual(bytes);
    expect(decodeBase64('')).toEqual(Buffer.alloc(0));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        expect(decodeBase64(Buffer.from(raw).toString('base64'))).toEqual(Buffer.from(raw));
      }),
    );
  });

  it('skips what is not in the alphabet, as the client does: a leading space, line breaks', () => {
    expect(decodeBase64(' QUJD')?.toString()).toBe('ABC');
    expect(decodeBase64('QU\nJD\r\n')?.toString()).toBe('ABC');
    expect(decodeBase64('QQ==trailing ignored')?.toString()).toBe('A');
    expect(decodeBase64('QUJ=x')?.toString()).toBe('AB');
  });

  it('takes padding bits b64encode leaves zero set, as the client does', () => {
    expect(decodeBase64('QR==')?.toString()).toBe('A');
    expect(decodeBase64('QUK=')?.toString()).toBe('AB');
    expect(decodeBase64('QUJ\u00e9')).toBeUndefined();
  });

  it('refuses what the client raises on: a lost padding, a lone character, non-ASCII', () => {
    expect(decodeBase64('QQ')).toBeUndefined();
    expect(decodeBase64('QUJDR')).toBeUndefined();
    expect(decodeBase64('QUJD\u00e9')).toBeUndefined();
    expect(decodeBase64('Q===')).toBeUndefined();
    expect(decodeBase64('A=B=')).toBeUndefined();
    expect(isValidBase64('QQ=')).toBe(false);
    expect(isValidBase64('QQ==')).toBe(true);
  });

  it('compares as bytes, never as text', () => {
    expect(sameBase64Bytes(' QUJD', 'QUJD')).toBe(true);
    expect(sameBase64Bytes('QUJD', 'QUJE')).toBe(false);
    expect(sameBase64Bytes('QQ', 'QQ')).toBe(false);
    expect(canonicalBase64(' QU JD')).toBe('QUJD');
    expect(canonicalBase64('Q')).toBeUndefined();
  });
});
