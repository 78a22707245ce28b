import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  ERROR_TEXTS,
  SEED_FIXTURE,
  applyLine,
  applyRequest,
  createState,
  parseRequestLine,
  transition,
  type ChatState,
  type ModelLimits,
  type Reply,
  type Request,
  type TransitionContext,
} from '../../../specs/index.js';

function counterTokens(): TransitionContext {
  let n = 0;
  return { newToken: () => `tok${++n}` };
}

function setup(limits: Partial<ModelLimits> = {}) {
  const state = createState(SEED_FIXTURE, { ...DEFAULT_LIMITS, ...limits });
  const ctx = counterTokens();
  const run = (line: string): Reply => applyLine(state, line, ctx);
  const login = (user: string): string => {
    const password = SEED_FIXTURE.users.find((u) => u.username === user)!.password;
    const reply = run(`auth ${user} ${password}`);
    if (!('tokenid' in reply)) throw new Error(`login failed: ${JSON.stringify(reply)}`);
    return reply.tokenid;
  };
  return { state, run, login };
}

const err = (code: keyof typeof ERROR_TEXTS): Reply => ({
  status: 'ERROR',
  message: ERROR_TEXTS[code],
});
const SENT = { status: 'OK', message: 'Message Sent' };
const FILE_SENT = { status: 'OK', message: 'File Sent' };

/** Everything a request can change, as plain data, to compare states. */
function snapshot(state: ChatState): unknown {
  return {
    sessions: [...state.sessions],
    inboxes: [...state.inboxes].map(([u, box]) => [
      u,
      [...box].map(([k, e]) => [k, e.map((x) => ({ ...x }))]),
    ]),
    inboxCounts: [...state.inboxCounts],
    repositories: [...state.repositories].map(([u, repo]) => [
      u,
      [...repo].map(([p, files]) => [p, [...files]]),
    ]),
    storedFileBytes: state.storedFileBytes,
  };
}

describe('model: AUTH', () => {
  it('logs in with a new token each time; earlier sessions stay valid', () => {
    const { run, state } = setup();
    expect(run('auth messi surabaya')).toEqual({ status: 'OK', tokenid: 'tok1' });
    expect(run('auth messi surabaya')).toEqual({ status: 'OK', tokenid: 'tok2' });
    expect([...state.sessions]).toEqual([
      ['tok1', 'messi'],
      ['tok2', 'messi'],
    ]);
    expect(run('inbox tok1')).toEqual({ status: 'OK', messages: {} });
  });

  it('refuses an unknown user before looking at the password, and a wrong password', () => {
    const { run, state } = setup();
    expect(run('auth nobody surabaya')).toEqual(err('AUTH_UNKNOWN_USER'));
    expect(run('auth messi sby')).toEqual(err('AUTH_WRONG_PASSWORD'));
    expect(run('auth messi')).toEqual(err('MISSING_PARAMS'));
    expect(state.sessions.size).toBe(0);
  });

  it('forgets the oldest session past maxSessions', () => {
    const { run, login } = setup({ maxSessions: 2 });
    const first = login('messi');
    const second = login('aul');
    const third = login('kinas');
    expect(run(`inbox ${first}`)).toEqual(err('UNKNOWN_SESSION'));
    expect(run(`inbox ${second}`)).toEqual({ status: 'OK', messages: {} });
    expect(run(`inbox ${third}`)).toEqual({ status: 'OK', messages: {} });
  });
});

describe('model: every session command refuses an unknown session', () => {
  it.each([
    'send nope henderson hi',
    'inbox nope',
    'send_file nope henderson f QUJD',
    'download_file nope messi f',
    'my_file nope',
    'send_group nope group1 hi',
    'send_group_file nope group1 f QUJD',
  ])('%s', (line) => {
    const { run, login } = setup();
    login('messi'); // a real session exists; the forged one must still be refused
    expect(run(line)).toEqual(err('UNKNOWN_SESSION'));
  });
});

describe('model: check order is params, then session, then target, then file', () => {
  it('params before session', () => {
    const { run } = setup();
    expect(run('send nope henderson')).toEqual(err('MISSING_PARAMS'));
    expect(run('download_file nope messi')).toEqual(err('MISSING_PARAMS'));
    expect(run('send_group nope')).toEqual(err('MISSING_PARAMS'));
  });

  it('session before target', () => {
    const { run } = setup();
    expect(run('send nope nobody hi')).toEqual(err('UNKNOWN_SESSION'));
    expect(run('send_file nope nobody f QUJD')).toEqual(err('UNKNOWN_SESSION'));
    expect(run('send_group nope nogroup hi')).toEqual(err('UNKNOWN_SESSION'));
    expect(run('send_group_file nope nogroup f QUJD')).toEqual(err('UNKNOWN_SESSION'));
    expect(run('download_file nope nobody nofile')).toEqual(err('UNKNOWN_SESSION'));
  });

  it('target before file, and a full inbox only after the target is known', () => {
    const { run, login } = setup({ maxInboxMessages: 1 });
    const sid = login('messi');
    expect(run(`send ${sid} henderson one`)).toEqual(SENT);
    expect(run(`send ${sid} nobody two`)).toEqual(err('UNKNOWN_USER'));
    expect(run(`send_group ${sid} nogroup two`)).toEqual(err('UNKNOWN_GROUP'));
    expect(run(`send ${sid} henderson two`)).toEqual(err('STORAGE_FULL'));
    expect(run(`download_file ${sid} nobody nofile`)).toEqual(err('FILE_NOT_FOUND'));
  });
});

describe('model: SEND and INBOX', () => {
  it('delivers under the sender username with full names, in order, to the recipient only', () => {
    const { run, login } = setup();
    const messi = login('messi');
    const henderson = login('henderson');
    const aul = login('aul');
    expect(run(`send ${messi} henderson  hello there \r\n`)).toEqual(SENT);
    expect(run(`send ${messi} henderson second`)).toEqual(SENT);
    expect(run(`send ${aul} henderson from aul`)).toEqual(SENT);
    expect(run(`inbox ${aul}`)).toEqual({ status: 'OK', messages: {} });
    expect(run(`inbox ${henderson}`)).toEqual({
      status: 'OK',
      messages: {
        messi: [
          { msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: 'hello there' },
          { msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: 'second' },
        ],
        aul: [{ msg_from: 'Aul Ronaldo', msg_to: 'Jordan Henderson', msg: 'from aul' }],
      },
    });
    // Reading empties it.
    expect(run(`inbox ${henderson}`)).toEqual({ status: 'OK', messages: {} });
  });

  it('refuses an unknown recipient and a missing text', () => {
    const { run, login, state } = setup();
    const sid = login('messi');
    expect(run(`send ${sid} nobody hi`)).toEqual(err('UNKNOWN_USER'));
    expect(run(`send ${sid} henderson   `)).toEqual(err('MISSING_PARAMS'));
    expect(state.inboxes.size).toBe(0);
  });

  it('lets a user send to themselves', () => {
    const { run, login } = setup();
    const sid = login('messi');
    expect(run(`send ${sid} messi note to self`)).toEqual(SENT);
    expect(run(`inbox ${sid}`)).toEqual({
      status: 'OK',
      messages: {
        messi: [{ msg_from: 'Lionel Messi', msg_to: 'Lionel Messi', msg: 'note to self' }],
      },
    });
  });

  it('caps unread messages per user and makes room again once read', () => {
    const { run, login, state } = setup({ maxInboxMessages: 2 });
    const messi = login('messi');
    const henderson = login('henderson');
    expect(run(`send ${messi} henderson 1`)).toEqual(SENT);
    expect(run(`send ${messi} henderson 2`)).toEqual(SENT);
    expect(run(`send ${messi} henderson 3`)).toEqual(err('STORAGE_FULL'));
    expect(state.inboxCounts.get('henderson')).toBe(2);
    run(`inbox ${henderson}`);
    expect(state.inboxCounts.has('henderson')).toBe(false);
    expect(run(`send ${messi} henderson 4`)).toEqual(SENT);
  });
});

describe('model: groups', () => {
  it('delivers a group message to every member, the sender included, under the group id', () => {
    const { run, login } = setup();
    const messi = login('messi');
    expect(run(`send_group ${messi} group2 hai semua`)).toEqual(SENT);
    for (const [member, name] of [
      ['messi', 'Lionel Messi'],
      ['aul', 'Aul Ronaldo'],
      ['rimas', 'Rimas Lineker'],
      ['kinas', 'Kinas Puger'],
    ] as const) {
      expect(run(`inbox ${login(member)}`)).toEqual({
        status: 'OK',
        messages: { group2: [{ msg_from: 'Lionel Messi', msg_to: name, msg: 'hai semua' }] },
      });
    }
    expect(run(`inbox ${login('henderson')}`)).toEqual({ status: 'OK', messages: {} });
  });

  it('lets a non-member send, delivering to the members only', () => {
    const { run, login } = setup();
    const aul = login('aul');
    expect(run(`send_group ${aul} group1 from outside`)).toEqual(SENT);
    expect(run(`inbox ${aul}`)).toEqual({ status: 'OK', messages: {} });
    expect(run(`inbox ${login('lineker')}`)).toMatchObject({
      messages: { group1: [{ msg_from: 'Aul Ronaldo', msg: 'from outside' }] },
    });
  });

  it('delivers to nobody when one member inbox is full', () => {
    const { run, login, state } = setup({ maxInboxMessages: 1 });
    const messi = login('messi');
    expect(run(`send ${messi} lineker fill`)).toEqual(SENT);
    expect(run(`send_group ${messi} group1 hi`)).toEqual(err('STORAGE_FULL'));
    expect(state.inboxes.has('henderson')).toBe(false);
    expect(state.inboxes.has('messi')).toBe(false);
  });

  it('refuses an unknown group and a missing text', () => {
    const { run, login } = setup();
    const sid = login('messi');
    expect(run(`send_group ${sid} group9 hi`)).toEqual(err('UNKNOWN_GROUP'));
    expect(run(`send_group_file ${sid} group9 f QUJD`)).toEqual(err('UNKNOWN_GROUP'));
    expect(run(`send_group ${sid} group1`)).toEqual(err('MISSING_PARAMS'));
  });
});

describe('model: files', () => {
  it('stores a personal file for the recipient under the sender and a copy for the sender', () => {
    const { run, login } = setup();
    const messi = login('messi');
    const henderson = login('henderson');
    expect(run(`send_file ${messi} henderson a.bin AAEC/w==`)).toEqual(FILE_SENT);
    expect(run(`my_file ${henderson}`)).toEqual({ status: 'OK', messages: { messi: ['a.bin'] } });
    expect(run(`my_file ${messi}`)).toEqual({ status: 'OK', messages: { henderson: ['a.bin'] } });
    const download = {
      status: 'OK',
      messages: 'Downloaded a.bin',
      filename: 'a.bin',
      data: 'AAEC/w==',
    };
    expect(run(`download_file ${henderson} messi a.bin`)).toEqual(download);
    expect(run(`download_file ${messi} henderson a.bin`)).toEqual(download);
  });

  it('answers File Tidak Ditemukan for an unknown peer, an unknown file, and another user file', () => {
    const { run, login } = setup();
    const messi = login('messi');
    const aul = login('aul');
    run(`send_file ${messi} henderson a.bin QUJD`);
    expect(run(`download_file ${aul} messi a.bin`)).toEqual(err('FILE_NOT_FOUND'));
    expect(run(`download_file ${messi} henderson b.bin`)).toEqual(err('FILE_NOT_FOUND'));
    expect(run(`download_file ${messi} nobody a.bin`)).toEqual(err('FILE_NOT_FOUND'));
    expect(run(`send_file ${messi} nobody a.bin QUJD`)).toEqual(err('UNKNOWN_USER'));
  });

  it('stores an empty file for a missing data param, and lets the latest file of a name win', () => {
    const { run, login, state } = setup();
    const messi = login('messi');
    const aul = login('aul');
    expect(run(`send_file ${messi} aul e.txt`)).toEqual(FILE_SENT);
    expect(run(`download_file ${aul} messi e.txt`)).toMatchObject({ status: 'OK', data: '' });
    run(`send_file ${messi} aul e.txt QUJD`);
    run(`send_file ${messi} aul e.txt WFla`);
    expect(run(`download_file ${aul} messi e.txt`)).toMatchObject({ data: 'WFla' });
    expect(run(`my_file ${aul}`)).toEqual({ status: 'OK', messages: { messi: ['e.txt'] } });
    expect(state.storedFileBytes).toBe(8); // two copies of the latest 4 bytes
  });

  it('stores a group file for every member under the group id', () => {
    const { run, login } = setup();
    const aul = login('aul');
    expect(run(`send_group_file ${aul} group1 g.txt QUJD`)).toEqual(FILE_SENT);
    for (const member of ['messi', 'henderson', 'lineker']) {
      const sid = login(member);
      expect(run(`my_file ${sid}`)).toEqual({ status: 'OK', messages: { group1: ['g.txt'] } });
      expect(run(`download_file ${sid} group1 g.txt`)).toMatchObject({ data: 'QUJD' });
    }
    expect(run(`my_file ${aul}`)).toEqual({ status: 'OK', messages: {} });
  });

  it('caps stored bytes, counting each copy, storing all copies or none', () => {
    const { run, login, state } = setup({ maxStoredFileBytes: 20 });
    const messi = login('messi');
    expect(run(`send_file ${messi} aul a 12345678`)).toEqual(FILE_SENT); // 2 copies = 16
    expect(run(`send_group_file ${messi} group1 g 1234`)).toEqual(err('STORAGE_FULL')); // +12
    expect(state.repositories.has('henderson')).toBe(false);
    expect(run(`send_file ${messi} aul a 1234`)).toEqual(FILE_SENT); // overwrite frees 16, adds 8
    expect(state.storedFileBytes).toBe(8);
    expect(run(`send_file ${messi} messi self 123456`)).toEqual(FILE_SENT); // to oneself: one copy
    expect(state.storedFileBytes).toBe(14);
  });
});

describe('model: transition', () => {
  const line = fc.oneof(
    fc.constantFrom(
      'auth messi surabaya',
      'auth henderson surabaya',
      'auth aul wrong',
      'inbox tok1',
      'inbox tok2',
      'my_file tok1',
      'my_file tok2',
      'download_file tok2 messi f',
      'download_file tok1 group2 g',
      'nonsense',
    ),
    fc
      .tuple(
        fc.constantFrom('tok1', 'tok2', 'tok9'),
        fc.constantFrom('henderson', 'messi', 'nobody'),
        fc.string({ minLength: 1, maxLength: 8 }),
      )
      .map(([s, to, text]) => `send ${s} ${to} x${text}`),
    fc
      .tuple(
        fc.constantFrom('tok1', 'tok2'),
        fc.constantFrom('messi', 'henderson'),
        fc.constantFrom('QUJD', 'WFla', ''),
      )
      .map(([s, to, data]) => `send_file ${s} ${to} f ${data}`),
    fc.constantFrom('tok1', 'tok2').map((s) => `send_group tok1 group1 hi from ${s}`),
    fc.constantFrom('QUJD', 'AA==').map((d) => `send_group_file tok1 group2 g ${d}`),
  );

  it('leaves the input state untouched and agrees with applyRequest on a copy', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        let state = createState(SEED_FIXTURE);
        const ctxA = counterTokens();
        const mutable = createState(SEED_FIXTURE);
        const ctxB = counterTokens();
        for (const text of lines) {
          const parsed = parseRequestLine(text);
          if (!parsed.ok) continue;
          const before = snapshot(state);
          const { state: next, reply } = transition(state, parsed.request, ctxA);
          expect(snapshot(state)).toEqual(before);
          expect(applyRequest(mutable, parsed.request, ctxB)).toEqual(reply);
          expect(snapshot(next)).toEqual(snapshot(mutable));
          state = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns inbox and my_file replies that later requests do not change', () => {
    const { run, login } = setup();
    const messi = login('messi');
    run(`send ${messi} messi one`);
    run(`send_file ${messi} messi f QUJD`);
    const inbox = run(`inbox ${messi}`);
    const files = run(`my_file ${messi}`);
    const copies = JSON.parse(JSON.stringify([inbox, files])) as unknown;
    run(`send ${messi} messi two`);
    run(`send_file ${messi} messi g QUJD`);
    expect([inbox, files]).toEqual(copies);
    expect(run(`inbox ${messi}`)).toMatchObject({ messages: { messi: [{ msg: 'two' }] } });
  });

  it('every parsed request gets exactly one reply with a status; parse errors get theirs', () => {
    const { run } = setup();
    expect(run('')).toEqual(err('UNKNOWN_COMMAND'));
    expect(run('hapus semua')).toEqual(err('UNKNOWN_COMMAND'));
    expect(run('my_file')).toEqual(err('MISSING_PARAMS'));
    const request: Request = { command: 'MY_FILE', session: 'x' };
    expect(applyRequest(createState(SEED_FIXTURE), request, counterTokens())).toEqual(
      err('UNKNOWN_SESSION'),
    );
  });
});
