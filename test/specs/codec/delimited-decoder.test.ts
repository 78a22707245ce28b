import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DelimitedDecoder } from '../../../specs/index.js';

/** The whole stream split at once: what any chunking must reproduce. */
function splitWhole(stream: Buffer, delim: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = [];
  let start = 0;
  for (;;) {
    const at = stream.indexOf(delim, start);
    if (at === -1) return { frames, rest: stream.subarray(start) };
    frames.push(stream.subarray(start, at));
    start = at + delim.length;
  }
}

/** Cuts `stream` at the given positions (any order, duplicates allowed). */
function chunk(stream: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, stream.length]) {
    chunks.push(stream.subarray(from, p));
    from = p;
  }
  return chunks;
}

/** Longest proper prefix of `delim` that `bytes` ends with. */
function partialDelimiter(bytes: Buffer, delim: Buffer): number {
  for (let k = Math.min(delim.length - 1, bytes.length); k > 0; k--) {
    if (bytes.subarray(bytes.length - k).equals(delim.subarray(0, k))) return k;
  }
  return 0;
}

const DELIMITERS = [Buffer.from('\n'), Buffer.from('\r\n\r\n'), Buffer.from('ab')];
// Bytes drawn mostly from the delimiters' own bytes, so partial and split delimiters abound.
const byte = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0x0d, 0x0a, 0x61, 0x62) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const stream = fc.array(byte, { maxLength: 300 }).map((bytes) => Buffer.from(bytes));
const cuts = fc.array(fc.nat(), { maxLength: 40 });
const delimiter = fc.constantFrom(...DELIMITERS);

describe('DelimitedDecoder', () => {
  it('gives the same frames for any chunking of any stream as splitting it whole', () => {
    fc.assert(
      fc.property(stream, cuts, delimiter, (bytes, at, delim) => {
        const decoder = new DelimitedDecoder(delim, 1024);
        const frames: Buffer[] = [];
        for (const piece of chunk(bytes, at)) {
          const result = decoder.push(piece);
          expect(result.overflow).toBe(false);
          frames.push(...result.frames);
        }
        const whole = splitWhole(bytes, delim);
        expect(frames.map((f) => f.toString('hex'))).toEqual(
          whole.frames.map((f) => f.toString('hex')),
        );
        expect(decoder.pendingBytes).toBe(whole.rest.length);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any frames free of the delimiter, one byte at a time or all at once', () => {
    const frame = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 50 }).map((b) => {
      return Buffer.from(b.filter((x) => x !== 0x0a));
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 20 }), fc.boolean(), (frames, byteAtATime) => {
        const delim = Buffer.from('\n');
        const encoded = Buffer.concat(frames.flatMap((f) => [f, delim]));
        const decoder = new DelimitedDecoder(delim, 64);
        const out: Buffer[] = [];
        const pieces = byteAtATime ? [...encoded].map((b) => Buffer.from([b])) : [encoded];
        for (const piece of pieces) out.push(...decoder.push(piece).frames);
        expect(out).toEqual(frames);
      }),
      { numRuns: 300 },
    );
  });

  it('overflows exactly when a frame is longer than the cap, whatever the chunking, and holds at most cap + delimiter - 1 bytes', () => {
    fc.assert(
      fc.property(
        stream,
        cuts,
        delimiter,
        fc.integer({ min: 1, max: 40 }),
        (bytes, at, delim, maxFrameBytes) => {
          const decoder = new DelimitedDecoder(delim, maxFrameBytes);
          const frames: Buffer[] = [];
          let overflow = false;
          for (const piece of chunk(bytes, at)) {
            const result = decoder.push(piece);
            frames.push(...result.frames);
            if (overflow) expect(result.frames).toEqual([]);
            overflow ||= result.overflow;
            expect(decoder.pendingBytes).toBeLessThanOrEqual(maxFrameBytes + delim.length - 1);
          }
          const whole = splitWhole(bytes, delim);
          const firstTooLong = whole.frames.findIndex((f) => f.length > maxFrameBytes);
          const restTooLong =
            whole.rest.length - partialDelimiter(whole.rest, delim) > maxFrameBytes;
          const expectOverflow = firstTooLong !== -1 || restTooLong;
          expect(overflow).toBe(expectOverflow);
          const expectedFrames =
            firstTooLong === -1 ? whole.frames : whole.frames.slice(0, firstTooLong);
          expect(frames).toEqual(expectedFrames);
          if (overflow) expect(decoder.overflowed).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts a frame of exactly the cap when its delimiter is split across chunks', () => {
    const decoder = new DelimitedDecoder(Buffer.from('\r\n\r\n'), 3);
    expect(decoder.push(Buffer.from('abc\r'))).toEqual({ frames: [], overflow: false });
    expect(decoder.push(Buffer.from('\n\r'))).toEqual({ frames: [], overflow: false });
    expect(decoder.push(Buffer.from('\nxyz'))).toEqual({
      frames: [Buffer.from('abc')],
      overflow: false,
    });
    expect(decoder.pendingBytes).toBe(3);
  });

  it('refuses everything after an overflow', () => {
    const decoder = new DelimitedDecoder(Buffer.from('\n'), 4);
    expect(decoder.push(Buffer.from('ok\nabcdef'))).toEqual({
      frames: [Buffer.from('ok')],
      overflow: true,
    });
    expect(decoder.pendingBytes).toBe(0);
    expect(decoder.push(Buffer.from('x\n'))).toEqual({ frames: [], overflow: true });
  });

  it('rejects an empty delimiter and a cap that is not a positive integer', () => {
    expect(() => new DelimitedDecoder(Buffer.alloc(0), 10)).toThrow(RangeError);
    expect(() => new DelimitedDecoder(Buffer.from('\n'), 0)).toThrow(/maxFrameBytes/);
    expect(() => new DelimitedDecoder(Buffer.from('\n'), 1.5)).toThrow(/maxFrameBytes/);
  });
});

describe('DelimitedDecoder work is linear in the bytes received', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Bytes copied by Buffer.concat while decoding one frame of `frameBytes` in 64 KiB chunks. */
  function bytesCopiedFor(frameBytes: number, delim: Buffer): number {
    const frame = Buffer.alloc(frameBytes, 0x41);
    const stream = Buffer.concat([frame, delim]);
    let copied = 0;
    const original = Buffer.concat;
    const spy = vi.spyOn(Buffer, 'concat').mockImplementation((list, total) => {
      const joined = original(list, total);
      copied += joined.length;
      return joined;
    });
    const decoder = new DelimitedDecoder(delim, frameBytes);
    const frames: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 64 * 1024) {
      frames.push(...decoder.push(stream.subarray(i, i + 64 * 1024)).frames);
    }
    spy.mockRestore();
    expect(frames).toHaveLength(1);
    expect(frames[0]!.length).toBe(frameBytes);
    return copied;
  }

  it.each(DELIMITERS.map((d) => [JSON.stringify(d.toString()), d] as const))(
    'copies each byte about once, for a 0.5 MiB and a 5 MiB frame alike (delimiter %s)',
    (_name, delim) => {
      const small = bytesCopiedFor(512 * 1024, delim) / (512 * 1024);
      const large = bytesCopiedFor(5 * 1024 * 1024, delim) / (5 * 1024 * 1024);
      // Quadratic joining would copy ~40x per byte for 5 MiB in 64 KiB chunks.
      expect(small).toBeLessThan(1.1);
      expect(large).toBeLessThan(1.1);
    },
  );
});
