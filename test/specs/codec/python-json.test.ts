import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeReply, pythonJsonDumps } from '../../../specs/index.js';

const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** Strings drawn from all of UTF-16: BMP, astral pairs, and lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }),
  fc.string({ unit: 'grapheme' }),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyText,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value')),
    fc.dictionary(anyText, tie('value')),
  ),
})).value;

describe('pythonJsonDumps', () => {
  it('writes ASCII only, and JSON.parse reads back what JSON.stringify would give', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const out = pythonJsonDumps(value);
        expect(out).toMatch(ASCII_ONLY);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('never puts a separator space inside a string', () => {
    const tricky = { 'a,b:c': 'x, y: z,"', list: [',', ':', '", "'] };
    expect(JSON.parse(pythonJsonDumps(tricky))).toEqual(tricky);
    expect(pythonJsonDumps(tricky)).toBe(
      '{"a,b:c": "x, y: z,\\"", "list": [",", ":", "\\", \\""]}',
    );
  });

  it("prints what Python 3's json.dumps prints", () => {
    const values: unknown[] = [
      { status: 'OK', tokenid: 'd5a7c2b4-9e0f-4c39-8f57-1a2b3c4d5e6f' },
      { status: 'ERROR', message: 'Password Salah' },
      {
        status: 'OK',
        messages: {
          henderson: [' caf\u00e9 \u2615 \r\n', { msg_from: 'J\u00f6rg', msg: '\u{1f600}' }],
          group1: [],
        },
      },
      ['"quoted" \\ back\tslash', '\u0000\u001f\u007f\u0080\u00ff', '\ud800 lone', 'x\udfffy'],
      { nested: { deeper: [1, -2, 0, 3.5, true, false, null] }, '': 'empty key' },
      'plain',
      { status: 'OK', messages: 'Downloaded f\u00e9.txt', filename: 'f\u00e9.txt', data: 'QUJD' },
    ];
    // Handed over as JSON that is itself ASCII (JSON.stringify's escapes for lone surrogates,
    // then \u for the rest), so the pipe's encoding cannot change a value on the way.
    const input = pythonJsonDumps(values);
    const printed = execFileSync(
      'python3',
      ['-c', 'import json,sys\nfor v in json.loads(sys.stdin.read()): print(json.dumps(v))'],
      { input, encoding: 'utf8', timeout: 10_000 },
    )
      .trimEnd()
      .split('\n');
    expect(printed).toHaveLength(values.length);
    for (const [i, value] of values.entries()) expect(pythonJsonDumps(value)).toBe(printed[i]);
  });

  it('prints what json.dumps prints for random values, repeated keys included', () => {
    // Many values share a few keys (as replies do), so a key's cached text is reused across
    // values; one Python run judges them all.
    const keys = fc.constantFrom('status', 'message', 'msg', '__proto__', 'caf\u00e9', '"k"');
    const withKeys = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        anyText,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value')),
        fc.dictionary(fc.oneof(keys, anyText), tie('value')),
      ),
    })).value;
    const values = fc.sample(withKeys, { numRuns: 300, seed: 20 });
    const printed = execFileSync(
      'python3',
      ['-c', 'import json,sys\nfor v in json.loads(sys.stdin.read()): print(json.dumps(v))'],
      { input: JSON.stringify(values), encoding: 'utf8', timeout: 10_000 },
    )
      .trimEnd()
      .split('\n');
    expect(printed).toHaveLength(values.length);
    for (const [i, value] of values.entries()) expect(pythonJsonDumps(value)).toBe(printed[i]);
  });

  it('encodes keys past the cache: more keys than it holds, and keys longer than it keeps', () => {
    for (let i = 0; i < 5000; i++) {
      const key = i % 2 === 0 ? `k${i}` : `${'x'.repeat(300)}${i}\u00e9`;
      const escaped = key.replace('\u00e9', '\\u00e9');
      expect(pythonJsonDumps({ [key]: i })).toBe(`{"${escaped}": ${i}}`);
      expect(pythonJsonDumps({ [key]: i })).toBe(`{"${escaped}": ${i}}`);
    }
  });

  it('leaves out keys whose value is undefined, as JSON.stringify does', () => {
    expect(pythonJsonDumps({ a: undefined, b: [undefined], c: 1 })).toBe('{"b": [null], "c": 1}');
  });
});

describe('encodeReply', () => {
  it("frames json.dumps's bytes with CRLF CRLF", () => {
    const bytes = encodeReply({ status: 'OK', msg: '\u2615' });
    expect(bytes.toString('latin1')).toBe('{"status": "OK", "msg": "\\u2615"}\r\n\r\n');
    expect(bytes.toString('utf8')).toBe(bytes.toString('latin1'));
  });
});
