/* eslint-disable no-control-regex -- these tests are about control characters */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visible, visibleBounded, type VisibleMode } from '../../reports/visible.js';
import { HOSTILE_TEXT } from './factory.js';

/** Characters that must never reach a terminal raw. */
const HIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Any code point, lone surrogates included, weighted towards the dangerous ones. */
const anyChar = fc.oneof(
  fc.constantFrom('\u0000', '\u001b', '\r', '\n', '\\', '\u009b', '\u202e', '\ud800', '\uffff'),
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
);
const anyText = fc.array(anyChar, { maxLength: 60 }).map((chars) => chars.join(''));

describe('visible', () => {
  it('spells out line ends and tabs as a string literal would', () => {
    expect(visible('auth messi surabaya \r\n')).toBe('auth messi surabaya \\r\\n');
    expect(visible('a\tb', 'wire')).toBe('a\\tb');
  });

  it('doubles the backslash in wire mode only, so a JSON escape never reads as CR LF', () => {
    const reply = '{"msg":"hi\\r\\n"}\r\n\r\n';
    expect(visible(reply, 'wire')).toBe('{"msg":"hi\\\\r\\\\n"}\\r\\n\\r\\n');
    expect(visible('a JSON object followed by \\r\\n\\r\\n')).toBe(
      'a JSON object followed by \\r\\n\\r\\n',
    );
  });

  it('spells out C0, DEL, C1, bidi, zero-width, noncharacters and lone surrogates', () => {
    expect(visible('\u0000\u0007\u001b[31m\u007f\u009b')).toBe('\\x00\\x07\\x1b[31m\\x7f\\x9b');
    expect(visible('\u202e\u2066\u200b\u2028\ufeff\uffff\ud800')).toBe(
      '\\u202e\\u2066\\u200b\\u2028\\ufeff\\uffff\\ud800',
    );
  });

  it('keeps printable non-ASCII text, astral characters and U+FFFD as they are', () => {
    expect(visible('Grüße 日本 😀 \ufffd')).toBe('Grüße 日本 😀 \ufffd');
  });

  it('leaves no hidden character in any input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = visible(text);
        expect(out).not.toMatch(HIDDEN);
        expect(out).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 300 },
    );
    expect(visible(HOSTILE_TEXT)).not.toMatch(HIDDEN);
  });
});

describe('visibleBounded', () => {
  it('returns the whole text when it fits', () => {
    expect(visibleBounded('abc\r\n', 7)).toBe('abc\\r\\n');
  });

  it('keeps both ends of a long text and counts the characters left out', () => {
    const text = `{"status":"OK"${'x'.repeat(1000)}}\r\n\r\n`;
    const out = visibleBounded(text, 40);
    expect(out.startsWith('{"status":"OK"')).toBe(true);
    expect(out.endsWith('}\\r\\n\\r\\n')).toBe(true);
    const omitted = Number(/…\[(\d+) chars omitted\]…/.exec(out)?.[1]);
    const shown = out.replace(/…\[\d+ chars omitted\]…/, '');
    // Shown characters, unescaped, plus the omitted ones give back the original length.
    expect(shown.replace(/\\r|\\n/g, '_').length + omitted).toBe(text.length);
  });

  it('never cuts an escape in half', () => {
    const out = visibleBounded('\u0000'.repeat(100), 21);
    const kept = out.replace(/…\[\d+ chars omitted\]…/, '');
    expect(kept).toMatch(/^(\\x00)+$/);
  });

  it('agrees with escaping everything and cutting the middle, for any input', () => {
    // The plain algorithm: escape every code point, keep what fits at each end.
    const reference = (text: string, maxChars: number, mode: VisibleMode): string => {
      const tokens = Array.from(text, (char) => visible(char, mode));
      if (tokens.join('').length <= maxChars) return tokens.join('');
      const fit = (list: string[], budget: number): string[] => {
        const out: string[] = [];
        for (const token of list) {
          if (out.join('').length + token.length > budget) break;
          out.push(token);
        }
        return out;
      };
      const head = fit(tokens, Math.ceil(maxChars * 0.6));
      const tail = fit([...tokens].reverse(), maxChars - Math.ceil(maxChars * 0.6)).reverse();
      return `${head.join('')}…[${tokens.length - head.length - tail.length} chars omitted]…${tail.join('')}`;
    };
    const longText = fc.array(anyChar, { maxLength: 200 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(longText, fc.integer({ min: 0, max: 120 }), (text, maxChars) => {
        for (const mode of ['wire', 'prose'] as const) {
          expect(visibleBounded(text, maxChars, mode)).toBe(reference(text, maxChars, mode));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays within its budget plus the marker, for any input', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 50 }), (text, maxChars) => {
        const out = visibleBounded(text, maxChars);
        const marker = /…\[\d+ chars omitted\]…/.exec(out)?.[0] ?? '';
        expect(out.length - marker.length).toBeLessThanOrEqual(maxChars);
        expect(out).not.toMatch(HIDDEN);
      }),
      { numRuns: 300 },
    );
  });
});
