import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANY_PEER,
  BUILTIN_DIALECT_NAMES,
  builtinDialect,
  builtinSpec,
  canonicalDialect,
  dialectFromSpec,
  formatRequestLine,
  parseRequestLine,
  type DialectSpec,
  type LineStyle,
  type Request,
} from '../../../specs/index.js';

const word = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .filter((s) => !/[ \t\r\n,]/.test(s));
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

describe('the canonical dialect, built from specs/dialects/canonical.yaml', () => {
  it('spells every request exactly as formatRequestLine, in every line style', () => {
    fc.assert(
      fc.property(request, style, (req, s) => {
        expect(canonicalDialect.formatRequest(req, s)).toBe(formatRequestLine(req, s));
        expect(canonicalDialect.formatRequest(req)).toBe(formatRequestLine(req));
      }),
    );
  });

  it('reads request lines exactly as parseRequestLine, good or bad', () => {
    const line = fc.oneof(
      fc.tuple(request, style).map(([r, s]) => formatRequestLine(r, s)),
      fc.string({ maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom('auth', 'SEND', 'inbox', 'send_file', 'download_file', 'nope'),
          fc.string(),
        )
        .map(([v, rest]) => `${v} ${rest}`),
    );
    fc.assert(
      fc.property(line, (l) => {
        expect(canonicalDialect.parseRequest(l)).toEqual(parseRequestLine(l));
      }),
    );
  });

  it('keeps the document texts and supports every command', () => {
    expect(canonicalDialect.spec.source).toBe('builtin:canonical');
    expect(canonicalDialect.errorTexts('UNKNOWN_COMMAND')).toEqual(['**Protocol Tidak Benar']);
    expect(canonicalDialect.isErrorText('UNKNOWN_SESSION', ' session tidak ditemukan ')).toBe(true);
    expect(canonicalDialect.errorCodeOf('--Protocol Tidak Benar')).toBe('MISSING_PARAMS');
    expect(canonicalDialect.errorCodeOf('Incorrect Protocol')).toBeUndefined();
    expect(canonicalDialect.supports('SEND_GROUP_FILE')).toBe(true);
  });

  it('is plain data: a spread with another token key reads the token there', () => {
    const spec: DialectSpec = {
      ...canonicalDialect.spec,
      name: 'canonical-token-id',
      replies: { ...canonicalDialect.spec.replies, token: 'token_id' },
    };
    expect(structuredClone(spec)).toEqual(spec);
    const d = dialectFromSpec(spec);
    expect(d.readToken({ status: 'OK', token_id: ' t1 ' })).toEqual({ ok: true, value: 't1' });
    expect(d.readToken({ status: 'OK', tokenid: 't1' })).toEqual({
      ok: false,
      reason: '"token_id" is missing, not a string',
    });
    expect(d.formatRequest({ command: 'INBOX', session: 's' })).toBe('inbox s \r\n');
  });
});

describe('built-in dialects', () => {
  it('all load, each named for its file, canonical first', () => {
    expect(BUILTIN_DIALECT_NAMES[0]).toBe('canonical');
    expect(BUILTIN_DIALECT_NAMES.length).toBeGreaterThanOrEqual(12);
    for (const name of BUILTIN_DIALECT_NAMES) {
      const d = builtinDialect(name);
      expect(d.name).toBe(name);
      expect(Object.isFrozen(d.spec)).toBe(true);
    }
  });

  it('spell renamed verbs and the group before the session', () => {
    const renamed = builtinDialect('renamed-verbs');
    expect(
      renamed.formatRequest({ command: 'SEND_GROUP', session: 's', group: 'g', text: 'hi there' }),
    ).toBe('sendgroup s g hi there \r\n');
    expect(
      builtinDialect('login').formatRequest({ command: 'AUTH', username: 'u', password: 'p' }),
    ).toBe('login u p \r\n');
    const first = builtinDialect('group-first');
    expect(
      first.formatRequest(
        { command: 'SEND_GROUP_FILE', session: 's', group: 'g', filename: 'f', data: 'QQ==' },
        { trailingSpace: false, eol: '\n' },
      ),
    ).toBe('send_group_file g s f QQ==\n');
    expect(first.parseRequest('send_group group1 s1 hello  world \r\n')).toEqual({
      ok: true,
      request: { command: 'SEND_GROUP', group: 'group1', session: 's1', text: 'hello  world' },
    });
    expect(first.parseRequest('send_group group1 s1')).toEqual({
      ok: false,
      error: 'MISSING_PARAMS',
      command: 'SEND_GROUP',
    });
  });

  it('spell a group as its members and read them back', () => {
    const d = builtinDialect('member-list');
    expect(
      d.formatRequest({ command: 'SEND_GROUP', session: 's', group: 'group1', text: 'x' }),
    ).toBe('sendgroup s messi,henderson,lineker x \r\n');
    expect(d.parseRequest('sendgroup s messi,aul x')).toEqual({
      ok: true,
      request: { command: 'SEND_GROUP', session: 's', group: '', text: 'x' },
      members: ['messi', 'aul'],
    });
  });

  it('mark a missing command unsupported and answer its verb as unknown', () => {
    const d = builtinDialect('no-group-file');
    expect(d.supports('SEND_GROUP_FILE')).toBe(false);
    expect(d.supports('SEND_GROUP')).toBe(true);
    expect(d.parseRequest('send_group_file s g f QQ==')).toEqual({
      ok: false,
      error: 'UNKNOWN_COMMAND',
      verb: 'send_group_file',
    });
  });

  it('read a flat file list under one key and a download without a peer', () => {
    const d = builtinDialect('flat-files');
    expect(d.readFileList({ status: 'OK', messages: ['a.txt', 'b.txt'] })).toEqual({
      ok: true,
      value: new Map([[ANY_PEER, ['a.txt', 'b.txt']]]),
      rule: 'replies.files.shape',
    });
    expect(d.readFileList({ status: 'OK', messages: { messi: ['a'] } }).ok).toBe(false);
    expect(
      d.formatRequest({ command: 'DOWNLOAD_FILE', session: 's', peer: 'p', filename: 'f' }),
    ).toBe('download_file s f \r\n');
    expect(d.parseRequest('download_file s f')).toEqual({
      ok: true,
      request: { command: 'DOWNLOAD_FILE', session: 's', filename: 'f', peer: '' },
      peerOmitted: true,
    });
  });

  it('read {from, message} and JSON-in-a-string entries as the document entries', () => {
    const fm = builtinDialect('from-message').readInbox({
      status: 'OK',
      messages: { messi: [{ from: 'messi', message: 'hi' }] },
    });
    expect(fm).toEqual({
      ok: true,
      value: new Map([['messi', [{ text: 'hi', shape: 'object', from: 'Lionel Messi' }]]]),
    });
    const entry = { msg_from: 'Lionel Messi', msg_to: 'Aul Ronaldo', msg: 'yo' };
    const js = builtinDialect('json-string-inbox').readInbox({
      status: 'OK',
      messages: { messi: [JSON.stringify(entry), '{not json'] },
    });
    expect(js.ok && js.value.get('messi')).toEqual([
      { text: 'yo', shape: 'object', from: 'Lionel Messi', to: 'Aul Ronaldo' },
      { text: '{not json', shape: 'string' },
    ]);
    // The canonical dialect keeps JSON-looking text as text.
    const canon = canonicalDialect.readInbox({ messages: { messi: [JSON.stringify(entry)] } });
    expect(canon.ok && canon.value.get('messi')?.[0]?.shape).toBe('string');
    const users = builtinDialect('usernames-inbox').readInbox({
      messages: { messi: [{ msg_from: 'messi', msg_to: 'aul', msg: 'x' }] },
    });
    expect(users.ok && users.value.get('messi')).toEqual([
      { text: 'x', shape: 'object', from: 'Lionel Messi', to: 'Aul Ronaldo' },
    ]);
  });

  it('read a newest-first inbox that never empties as an emptying, oldest-first one', () => {
    const d = builtinDialect('keep-inbox');
    const first = { status: 'OK', messages: { messi: ['b', 'a'] } };
    const read1 = d.readInbox(first, 's1');
    expect(read1.ok && read1.value.get('messi')?.map((i) => i.text)).toEqual(['a', 'b']);
    expect(read1.ok && read1.rule).toBe('replies.inbox.order, replies.inbox.destructive');
    // The same reply read again (two expectations on it) gives the same answer.
    expect(d.readInbox(first, 's1')).toBe(read1);
    const read2 = d.readInbox({ status: 'OK', messages: { messi: ['c', 'b', 'a'] } }, 's1');
    expect(read2.ok && read2.value.get('messi')?.map((i) => i.text)).toEqual(['c']);
    const read3 = d.readInbox({ status: 'OK', messages: { messi: ['c', 'b', 'a'] } }, 's1');
    expect(read3.ok && [...read3.value.keys()]).toEqual([]);
    // Another session has seen nothing yet; without a session nothing is left out.
    const other = d.readInbox({ status: 'OK', messages: { messi: ['c', 'b', 'a'] } }, 's2');
    expect(other.ok && other.value.get('messi')?.length).toBe(3);
    const whole = d.readInbox({ status: 'OK', messages: { messi: ['c', 'b', 'a'] } });
    expect(whole.ok && whole.value.get('messi')?.length).toBe(3);
  });

  it('put group messages listed under the sender back under the group', () => {
    const d = builtinDialect('group-under-sender');
    const read = d.readInbox({
      messages: {
        messi: [
          { msg_from: 'Lionel Messi', msg_to: 'Aul Ronaldo', msg: 'personal' },
          { msg_from: 'Lionel Messi', msg_to: 'group2', msg: 'to the group' },
        ],
      },
    });
    expect(read.ok && [...read.value].map(([k, v]) => [k, v.map((i) => i.text)])).toEqual([
      ['group2', ['to the group']],
      ['messi', ['personal']],
    ]);
  });

  it('know English error texts, the first being the one sent', () => {
    const d = builtinDialect('english');
    expect(d.errorTexts('UNKNOWN_COMMAND')[0]).toBe('**Incorrect Protocol');
    expect(d.isErrorText('AUTH_WRONG_PASSWORD', 'wrong password')).toBe(true);
    expect(d.isErrorText('AUTH_WRONG_PASSWORD', 'Password Salah')).toBe(false);
    expect(d.errorCodeOf('Group Not Found')).toBe('UNKNOWN_GROUP');
    expect(d.ruleAt('errors.UNKNOWN_GROUP')).toMatch(
      /^english \(builtin:english:\d+\) errors\.UNKNOWN_GROUP$/,
    );
  });

  it('keep the canonical settings a dialect file does not mention', () => {
    const spec = builtinSpec('token-id');
    const canon = builtinSpec('canonical');
    expect(spec.replies.token).toBe('token_id');
    expect(spec.commands).toEqual(canon.commands);
    expect(spec.replies.inbox).toEqual(canon.replies.inbox);
    expect(spec.errors).toEqual(canon.errors);
  });
});
