import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineDecoder } from '../../../specs/index.js';

function decodeAll(
  decoder: LineDecoder,
  pieces: readonly Buffer[],
): { lines: string[]; overflow: boolean } {
  const lines: string[] = [];
  let overflow = false;
  for (const piece of pieces) {
    const result = decoder.push(piece);
    lines.push(...result.lines);
    overflow ||= result.overflow;
  }
  return { lines, overflow };
}

describe('LineDecoder', () => {
  it('ends a line at CRLF and at a bare LF, dropping only the CR right before the LF', () => {
    const { lines } = decodeAll(new LineDecoder(100), [Buffer.from('a b \r\nc\n\r\nd\re\n\n')]);
    expect(lines).toEqual(['a b ', 'c', '', 'd\re', '']);
  });

  it('keeps an unfinished line pending until its LF arrives', () => {
    const decoder = new LineDecoder(100);
    expect(decoder.push(Buffer.from('auth messi')).lines).toEqual([]);
    expect(decoder.pendingBytes).toBe(10);
    expect(decoder.push(Buffer.from(' surabaya \r')).lines).toEqual([]);
    expect(decoder.push(Buffer.from('\n')).lines).toEqual(['auth messi surabaya ']);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('decodes UTF-8 only once a line is complete, so a character split across chunks survives', () => {
    const text = 'send x y héllo 😀 \r\n';
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }),
        (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const pieces: Buffer[] = [];
          let from = 0;
          for (const p of [...points, bytes.length]) {
            pieces.push(bytes.subarray(from, p));
            from = p;
          }
          expect(decodeAll(new LineDecoder(100), pieces).lines).toEqual(['send x y héllo 😀 ']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodes a chunk that is one whole line as it decodes the same bytes in pieces', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }).filter((t) => !t.includes('\n')),
        fc.boolean(),
        fc.integer({ min: 1, max: 60 }),
        (text, crlf, max) => {
          const line = Buffer.from(`${text}${crlf ? '\r' : ''}\n`);
          const whole = new LineDecoder(max);
          const pieces = new LineDecoder(max);
          const at = Math.floor(line.length / 2);
          const split = [line.subarray(0, at), line.subarray(at)];
          const next = Buffer.from('after\n');
          expect(decodeAll(whole, [line, next])).toEqual(decodeAll(pieces, [...split, next]));
        },
      ),
    );
  });

  it('accepts a line of exactly maxLineBytes, with CRLF or LF, and refuses one byte more', () => {
    const max = 64;
    const exact = 'x'.repeat(max);
    expect(decodeAll(new LineDecoder(max), [Buffer.from(`${exact}\r\n`)])).toEqual({
      lines: [exact],
      overflow: false,
    });
    expect(decodeAll(new LineDecoder(max), [Buffer.from(`${exact}\n`)])).toEqual({
      lines: [exact],
      overflow: false,
    });
    expect(decodeAll(new LineDecoder(max), [Buffer.from(`${exact}x\n`)]).overflow).toBe(true);
    expect(decodeAll(new LineDecoder(max), [Buffer.from(`${exact}x\r\n`)]).overflow).toBe(true);
    const byByte = [...Buffer.from(`${exact}xy`)].map((b) => Buffer.from([b]));
    expect(decodeAll(new LineDecoder(max), byByte).overflow).toBe(true);
  });

  it('never holds more than maxLineBytes + 1 bytes while a line is streamed at it, and answers nothing after', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 30 }),
        (max, sizes) => {
          const decoder = new LineDecoder(max);
          let overflow = false;
          for (const size of sizes) {
            const result = decoder.push(Buffer.alloc(size, 0x61));
            expect(decoder.pendingBytes).toBeLessThanOrEqual(max + 1);
            if (overflow) expect(result).toEqual({ lines: [], overflow: true });
            overflow ||= result.overflow;
          }
          const total = sizes.reduce((a, b) => a + b, 0);
          expect(overflow).toBe(total > max + 1);
          expect(decoder.push(Buffer.from('\n')).lines).toEqual(
            overflow || total > max ? [] : ['a'.repeat(total)],
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers the lines before an over-long one in the same chunk', () => {
    const result = new LineDecoder(8).push(Buffer.from('inbox a\r\n123456789\n'));
    expect(result).toEqual({ lines: ['inbox a'], overflow: true });
  });
});
