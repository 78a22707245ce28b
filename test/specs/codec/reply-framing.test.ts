import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DelimitedDecoder,
  REPLY_TERMINATOR,
  ReplyDecoder,
  encodeReply,
  encodeReplyText,
  errorReply,
  parseReplyJson,
} from '../../../specs/index.js';

describe('encodeReplyText', () => {
  it('writes a shared constant reply the same every time', () => {
    const reply = errorReply('UNKNOWN_SESSION');
    expect(errorReply('UNKNOWN_SESSION')).toBe(reply);
    const first = encodeReplyText(reply);
    expect(encodeReplyText(reply)).toBe(first);
    expect(first).toBe(`{"status": "ERROR", "message": ${JSON.stringify(reply.message)}}\r\n\r\n`);
  });

  it('encodes anew a reply that can change: not frozen, or holding an object', () => {
    const open: Record<string, unknown> = { status: 'OK', message: 'a' };
    expect(encodeReplyText(open)).toBe('{"status": "OK", "message": "a"}\r\n\r\n');
    open.message = 'b';
    expect(encodeReplyText(open)).toBe('{"status": "OK", "message": "b"}\r\n\r\n');
    const list = ['x'];
    const frozen = Object.freeze({ status: 'OK', messages: { u: list } });
    expect(encodeReplyText(frozen)).toBe('{"status": "OK", "messages": {"u": ["x"]}}\r\n\r\n');
    list.push('y');
    expect(encodeReplyText(frozen)).toBe('{"status": "OK", "messages": {"u": ["x", "y"]}}\r\n\r\n');
  });
});

describe('reply framing', () => {
  it('encodes one JSON object followed by CRLF CRLF', () => {
    const bytes = encodeReply({ status: 'OK', tokenid: 'abc' });
    expect(REPLY_TERMINATOR).toBe('\r\n\r\n');
    expect(bytes.toString()).toBe('{"status": "OK", "tokenid": "abc"}\r\n\r\n');
  });

  it('decodes any sequence of encoded replies however they are chunked', () => {
    const reply = fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant('\r\n\r\n')),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(
        fc.array(reply, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (replies, cuts) => {
          // JSON escapes CR and LF inside strings, so a terminator never occurs inside a reply.
          const stream = Buffer.concat(replies.map((r) => encodeReply(r)));
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort(
            (a, b) => a - b,
          );
          const decoder = new ReplyDecoder(1024 * 1024);
          const texts: string[] = [];
          let from = 0;
          for (const p of [...points, stream.length]) {
            texts.push(...decoder.push(stream.subarray(from, p)).replies.map((f) => f.text));
            from = p;
          }
          expect(texts.map((t) => JSON.parse(t))).toEqual(replies);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes a chunk that is one whole reply exactly as the general path does (any bytes)', () => {
    // The single-reply fast path must agree with plain delimiter splitting on every stream,
    // chunking and cap: terminators inside or overlapping a chunk, a reply at or past the
    // cap, a chunk after an overflow.
    const terminator = Buffer.from(REPLY_TERMINATOR);
    const bytes = fc.array(fc.constantFrom(0x61, 0x61, 0x61, 0x0d, 0x0a), { maxLength: 16 });
    // Mostly chunks that end in a terminator, some without: both paths get exercised.
    const chunk = fc
      .tuple(bytes, fc.boolean())
      .map(([b, whole]) => (whole ? [...b, 0x0d, 0x0a, 0x0d, 0x0a] : b));
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 8 }),
        fc.integer({ min: 1, max: 12 }),
        (chunks, max) => {
          const fast = new ReplyDecoder(max);
          const general = new DelimitedDecoder(terminator, max);
          for (const chunk of chunks.map((c) => Buffer.from(c))) {
            const expected = general.push(chunk);
            expect(fast.push(chunk)).toEqual({
              replies: expected.frames.map((f) => ({ text: f.toString('utf8'), bytes: f.length })),
              overflow: expected.overflow,
            });
            expect(fast.pendingBytes).toBe(general.pendingBytes);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports the size of each reply and an overflow past maxReplyBytes', () => {
    const decoder = new ReplyDecoder(16);
    expect(decoder.push(Buffer.from('{"a":1}\r\n\r\n{"b":'))).toEqual({
      replies: [{ text: '{"a":1}', bytes: 7 }],
      overflow: false,
    });
    expect(decoder.pendingBytes).toBe(5);
    expect(decoder.push(Buffer.from('"endless reply without end"')).overflow).toBe(true);
  });

  it('parses only JSON objects, and says why anything else is refused', () => {
    expect(parseReplyJson('{"status":"OK"}')).toEqual({ ok: true, value: { status: 'OK' } });
    expect(parseReplyJson("{'status': 'OK'}")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(parseReplyJson('[1,2]')).toEqual({ ok: false, reason: 'JSON, but not an object' });
    expect(parseReplyJson('null')).toEqual({ ok: false, reason: 'JSON, but not an object' });
    expect(parseReplyJson('"OK"')).toEqual({ ok: false, reason: 'JSON, but not an object' });
  });
});
