import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  COMMAND_NAMES,
  COURSE_CLIENT_STYLE,
  formatRequestLine,
  parseRequestLine,
  requestFromWords,
  type LineStyle,
  type Request,
} from '../../../specs/index.js';

// A param travels as one word: anything but the blanks that separate words.
const word = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .filter((s) => !/[ \t\r\n]/.test(s));
// Free text: inner spaces kept, no surrounding whitespace (the protocol compares it trimmed).
const text = fc
  .array(word, { minLength: 1, maxLength: 5 })
  .map((words) => words.join(' '))
  .filter((s) => s.trim() === s && s.length > 0);
const base64 = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));

const request: fc.Arbitrary<Request> = fc.oneof(
  fc.record({ command: fc.constant('AUTH' as const), username: word, password: word }),
  fc.record({ command: fc.constant('SEND' as const), session: word, to: word, text }),
  fc.record({ command: fc.constant('INBOX' as const), session: word }),
  fc.record({
    command: fc.constant('SEND_FILE' as const),
    session: word,
    to: word,
    filename: word,
    data: base64,
  }),
  fc.record({
    command: fc.constant('DOWNLOAD_FILE' as const),
    session: word,
    peer: word,
    filename: word,
  }),
  fc.record({ command: fc.constant('MY_FILE' as const), session: word }),
  fc.record({ command: fc.constant('SEND_GROUP' as const), session: word, group: word, text }),
  fc.record({
    command: fc.constant('SEND_GROUP_FILE' as const),
    session: word,
    group: word,
    filename: word,
    data: base64,
  }),
);

const style: fc.Arbitrary<LineStyle> = fc.record({
  trailingSpace: fc.boolean(),
  eol: fc.constantFrom('\r\n' as const, '\n' as const, '' as const),
});

describe('request lines', () => {
  it('round-trip: parse(format(r)) gives r back for every command, in every line style', () => {
    fc.assert(
      fc.property(request, style, (req, lineStyle) => {
        const parsed = parseRequestLine(formatRequestLine(req, lineStyle));
        expect(parsed).toEqual({ ok: true, request: req });
      }),
      { numRuns: 1000 },
    );
  });

  it('every command is covered by the round trip generator', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(request, (req) => void seen.add(req.command)),
      { numRuns: 400 },
    );
    expect([...seen].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('formats like the course client by default: lower-case command, single spaces, space before CRLF', () => {
    expect(COURSE_CLIENT_STYLE).toEqual({ trailingSpace: true, eol: '\r\n' });
    expect(formatRequestLine({ command: 'AUTH', username: 'messi', password: 'surabaya' })).toBe(
      'auth messi surabaya \r\n',
    );
    expect(
      formatRequestLine(
        { command: 'SEND_GROUP', session: 's1', group: 'group2', text: 'hai semua' },
        { trailingSpace: false, eol: '\n' },
      ),
    ).toBe('send_group s1 group2 hai semua\n');
    // An empty file has no data param at all (SENDFILE-5).
    expect(
      formatRequestLine({ command: 'SEND_FILE', session: 's', to: 'aul', filename: 'e', data: '' }),
    ).toBe('send_file s aul e \r\n');
  });

  it('never throws on any line, and a parsed line formats back to a line that parses the same', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (line) => {
        const parsed = parseRequestLine(line);
        if (parsed.ok) expect(parseRequestLine(formatRequestLine(parsed.request))).toEqual(parsed);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMAND_NAMES.map((n) => COMMANDS[n].wire)),
        fc.array(fc.constantFrom('a', ' ', '\t', 'b c', '\r', 'x\r\n'), { maxLength: 8 }),
        (verb, rest) => {
          const parsed = parseRequestLine(`${verb} ${rest.join('')}`);
          if (parsed.ok) {
            expect(parseRequestLine(formatRequestLine(parsed.request))).toEqual(parsed);
          } else {
            expect(parsed.error).toBe('MISSING_PARAMS');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts what real clients send: runs of spaces and tabs, a trailing space, CRLF, upper case', () => {
    const expected = {
      ok: true,
      request: { command: 'AUTH', username: 'messi', password: 'surabaya' },
    };
    for (const line of [
      'auth messi surabaya',
      'auth messi surabaya \r\n',
      '  auth \t messi   surabaya\t\r\n',
      'AUTH messi surabaya',
      'Auth messi surabaya extra words ignored',
    ]) {
      expect(parseRequestLine(line), JSON.stringify(line)).toEqual(expected);
    }
  });

  it('keeps inner whitespace of free text and trims the outside, including a kept CRLF', () => {
    expect(parseRequestLine('send s henderson  hello   there \r\n')).toEqual({
      ok: true,
      request: { command: 'SEND', session: 's', to: 'henderson', text: 'hello   there' },
    });
  });

  it('reads a missing base64 param as an empty file and ignores tokens after the data', () => {
    expect(parseRequestLine('send_file s aul f.txt \r\n')).toEqual({
      ok: true,
      request: { command: 'SEND_FILE', session: 's', to: 'aul', filename: 'f.txt', data: '' },
    });
    expect(parseRequestLine('send_group_file s g f QUJD extra')).toEqual({
      ok: true,
      request: {
        command: 'SEND_GROUP_FILE',
        session: 's',
        group: 'g',
        filename: 'f',
        data: 'QUJD',
      },
    });
  });

  it('names the verb of an unknown command, and the command that lacks params', () => {
    expect(parseRequestLine('hello world')).toEqual({
      ok: false,
      error: 'UNKNOWN_COMMAND',
      verb: 'hello',
    });
    expect(parseRequestLine('')).toEqual({ ok: false, error: 'UNKNOWN_COMMAND', verb: '' });
    expect(parseRequestLine(' \r\n')).toEqual({ ok: false, error: 'UNKNOWN_COMMAND', verb: '' });
    expect(parseRequestLine('toString x')).toEqual({
      ok: false,
      error: 'UNKNOWN_COMMAND',
      verb: 'toString',
    });
    const tooFew: Array<[string, string]> = [
      ['auth messi', 'AUTH'],
      ['auth', 'AUTH'],
      ['send s henderson', 'SEND'],
      ['send s henderson   \r\n', 'SEND'],
      ['inbox', 'INBOX'],
      ['send_file s aul', 'SEND_FILE'],
      ['download_file s messi', 'DOWNLOAD_FILE'],
      ['my_file \r\n', 'MY_FILE'],
      ['send_group s group1', 'SEND_GROUP'],
      ['send_group_file s group1', 'SEND_GROUP_FILE'],
    ];
    for (const [line, command] of tooFew) {
      expect(parseRequestLine(line), line).toEqual({ ok: false, error: 'MISSING_PARAMS', command });
    }
  });
});

/** The rule the parser follows, by regular expression: words end at space, tab, CR or LF. */
function referenceParse(line: string): unknown {
  let rest = line;
  /** The next word, and the text after it; an empty word when only blanks are left. */
  const next = (): string => {
    const [, word = '', after = ''] = /^[ \t\r\n]*([^ \t\r\n]*)([\s\S]*)$/.exec(rest) ?? [];
    rest = after;
    return word;
  };
  const verb = next();
  const spec = Object.values(COMMANDS).find((c) => c.wire === verb.toLowerCase());
  if (spec === undefined) return { ok: false, error: 'UNKNOWN_COMMAND', verb };
  const missing = { ok: false, error: 'MISSING_PARAMS', command: spec.name };
  const request: Record<string, string> = { command: spec.name };
  for (const name of spec.params) {
    const value = next();
    if (value === '') return missing;
    request[name] = value;
  }
  if (spec.tail === 'text') {
    if (rest.trim() === '') return missing;
    request.text = rest.trim();
  } else if (spec.tail === 'base64') {
    request.data = next();
  }
  return { ok: true, request };
}

describe('parseRequestLine against the character-by-character rule', () => {
  it('splits the same words, whichever blanks a line holds', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '  ', '\t', '\r', '\n', ' \t', '\u00a0', 'x', 'ab', 'Send', '\u2615'),
      fc.constantFrom(...COMMAND_NAMES.map((n) => COMMANDS[n].wire)),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('', ' ', '\t', ...COMMAND_NAMES.map((n) => `${COMMANDS[n].wire} `)),
        fc.array(piece, { maxLength: 12 }),
        (head, pieces) => {
          const line = head + pieces.join('');
          expect(parseRequestLine(line)).toEqual(referenceParse(line));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('requestFromWords', () => {
  it("places each word under COMMANDS's param at its position, then the tail", () => {
    for (const name of COMMAND_NAMES) {
      const spec = COMMANDS[name];
      const params = [...spec.params, ...(spec.tailParam === undefined ? [] : [spec.tailParam])];
      const words = params.map((_, i) => `w${i}`);
      const request = requestFromWords(name, words) as unknown as Record<string, string>;
      expect(Object.keys(request), name).toEqual(['command', ...params]);
      expect(request.command).toBe(name);
      params.forEach((param, i) => expect(request[param], `${name} ${param}`).toBe(`w${i}`));
    }
  });
});
