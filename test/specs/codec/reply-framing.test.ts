import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REPLY_TERMINATOR,
  ReplyDecoder,
  encodeReply,
  parseReplyJson,
} from '../../../specs/index.js';

describe('reply framing', () => {
  it('encodes one JSON object followed by CRLF CRLF', () => {
    const bytes = encodeReply({ status: 'OK', tokenid: 'abc' });
    expect(REPLY_TERMINATOR).toBe('\r\n\r\n');
    expect(bytes.toString()).toBe('{"status":"OK","tokenid":"abc"}\r\n\r\n');
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
