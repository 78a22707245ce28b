import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SECRET_MASK,
  SEED_FIXTURE,
  Secrets,
  builtinSpec,
  loginSpellingOf,
  type DialectSpec,
  type Fixture,
} from '../../../specs/index.js';

/** A made-up login verb that puts the password before the username. */
const MASUK: DialectSpec = {
  ...builtinSpec('canonical'),
  name: 'masuk',
  commands: {
    ...builtinSpec('canonical').commands,
    AUTH: { request: 'masuk {password} {username}' },
  },
};

const FIXTURE: Fixture = {
  users: [
    { username: 'aul', password: 'sby', name: 'Aul Ronaldo' },
    { username: 'messi', password: 'surabaya', name: 'Lionel Messi' },
    // A password that is also a username: left to the login-line rule.
    { username: 'kinas', password: 'aul', name: 'Kinas Puger' },
  ],
  groups: [],
};

const NO_PASSWORDS: Fixture = { users: [], groups: [] };

describe('the login spelling of a dialect', () => {
  it('is read from its AUTH template, password position included', () => {
    expect(loginSpellingOf(MASUK)).toEqual({ verb: 'masuk', passwordWord: 1 });
    expect(loginSpellingOf(builtinSpec('login'))).toEqual({ verb: 'login', passwordWord: 2 });
  });
});

describe('Secrets.maskLines', () => {
  const secrets = new Secrets({ fixture: NO_PASSWORDS });

  it('masks the third word of an auth line and nothing else', () => {
    expect(secrets.maskLines('auth messi s3cret \r\n')).toBe(`auth messi ${SECRET_MASK} \r\n`);
    expect(secrets.maskLines('send tok messi s3cret\r\n')).toBe('send tok messi s3cret\r\n');
    expect(secrets.maskLines('authx messi s3cret\r\n')).toBe('authx messi s3cret\r\n');
  });

  it('follows the server: tabs, runs of blanks, capitals, several lines, bare LF', () => {
    expect(secrets.maskLines('  AUTH\tmessi \t s3cret\r\ninbox t\nAuth a b\n')).toBe(
      `  AUTH\tmessi \t ${SECRET_MASK}\r\ninbox t\nAuth a ${SECRET_MASK}\n`,
    );
  });

  it("masks at the dialect's own place: masuk {password} {username}", () => {
    const masuk = new Secrets({ dialect: MASUK, fixture: NO_PASSWORDS });
    expect(masuk.maskLines('masuk Zq9secret aul \r\n')).toBe(`masuk ${SECRET_MASK} aul \r\n`);
    // auth and login, the spellings in the wild, stay masked whatever the dialect.
    expect(masuk.maskLines('login aul Zq9secret\r\n')).toBe(`login aul ${SECRET_MASK}\r\n`);
    // Without the dialect, masuk is just a word.
    expect(secrets.maskLines('masuk Zq9secret aul')).toBe('masuk Zq9secret aul');
  });
});

describe('fixture passwords', () => {
  const secrets = new Secrets({ fixture: FIXTURE });

  it('are masked as whole words in any text, not inside other words', () => {
    expect(secrets.maskText('data dari client: kirim sby ke surabaya.')).toBe(
      `data dari client: kirim ${SECRET_MASK} ke ${SECRET_MASK}.`,
    );
    expect(secrets.maskText('sbyx xsby sby_2 Surabaya')).toBe('sbyx xsby sby_2 Surabaya');
    // A message that says the password as an ordinary word loses it too: the safe side.
    expect(secrets.maskLines('send t aul I live in surabaya \r\n')).toBe(
      `send t aul I live in ${SECRET_MASK} \r\n`,
    );
  });

  it('spare a password that is also a username, except at its place in a login line', () => {
    expect(secrets.maskText('send t aul hello')).toBe('send t aul hello');
    expect(secrets.maskLines('auth kinas aul\r\n')).toBe(`auth kinas ${SECRET_MASK}\r\n`);
  });
});

describe('Secrets.maskFreeText (a server’s output)', () => {
  it('masks the password after a login verb anywhere in a line, and fixture passwords', () => {
    const secrets = new Secrets({ dialect: MASUK, fixture: FIXTURE });
    expect(secrets.maskFreeText('data dari client: auth aul Other-1 \\r\\n')).toBe(
      `data dari client: auth aul ${SECRET_MASK} \\r\\n`,
    );
    expect(secrets.maskFreeText("recv b'masuk Other-1 aul'\nlogged sby in")).toBe(
      `recv b'masuk ${SECRET_MASK} aul'\nlogged ${SECRET_MASK} in`,
    );
  });
});

describe('Secrets.maskStream and maskTranscript', () => {
  it('masks every character of a password sent one byte per packet', () => {
    const secrets = new Secrets({ fixture: NO_PASSWORDS });
    const pieces = secrets.maskStream([...'auth messi s3cret \r\n'], 'lines');
    expect(pieces.join('')).toBe(`auth messi ${SECRET_MASK} \r\n`);
    expect(pieces).toHaveLength([...'auth messi s3cret \r\n'].length);
  });

  it('never leaves the password of a login line in the output, however it is cut (property)', () => {
    const secrets = new Secrets({ dialect: MASUK, fixture: NO_PASSWORDS });
    const word = fc.stringMatching(/^[A-Za-z0-9!#%&]{1,20}$/);
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 5 }), (user, password, chunk) => {
        const cases = [
          [`auth ${user} ${password}  \r\n`, `auth ${user} ${SECRET_MASK}  \r\n`],
          [`masuk ${password} ${user}\r\n`, `masuk ${SECRET_MASK} ${user}\r\n`],
        ];
        for (const [line, expected] of cases as [string, string][]) {
          const pieces: string[] = [];
          for (let i = 0; i < line.length; i += chunk) pieces.push(line.slice(i, i + chunk));
          expect(secrets.maskStream(pieces, 'lines').join('')).toBe(expected);
        }
      }),
    );
  });

  it('reads each connection and direction as its own stream and keeps byte counts', () => {
    const secrets = new Secrets({ fixture: FIXTURE });
    const entry = (direction: string, connection: string, text: string) => ({
      direction,
      connection,
      text,
      bytes: Buffer.byteLength(text),
    });
    const entries = [
      entry('sent', 'a', 'auth messi Oth'),
      entry('sent', 'b', 'auth aul '),
      entry('sent', 'a', 'er'),
      entry('received', 'a', '{"msg": "su'),
      entry('received', 'a', 'rabaya"}'),
      entry('sent', 'b', 'sb'),
      entry('sent', 'a', '1 \r\n'),
      entry('sent', 'b', 'y\r\n'),
    ];
    const masked = secrets.maskTranscript(entries);
    expect(masked.map((e) => e.text)).toEqual([
      `auth messi ${SECRET_MASK}`,
      'auth aul ',
      '',
      `{"msg": "${SECRET_MASK}`,
      '"}',
      SECRET_MASK,
      ' \r\n',
      '\r\n',
    ]);
    expect(masked.map((e) => e.bytes)).toEqual(entries.map((e) => e.bytes));
  });
});

describe('Secrets.maskResult', () => {
  it('masks transcripts, request fields and every other string, and keeps what it is told', () => {
    const secrets = new Secrets({ dialect: MASUK, fixture: FIXTURE });
    const result = {
      steps: [{ request: 'masuk Other-1 aul', actual: '{"status": "ERROR"}', n: 3 }],
      reason: 'the reply quoted sby',
      transcript: [{ direction: 'sent', connection: 'c', text: 'masuk sby aul\r\n', bytes: 15 }],
      scenario: { yaml: 'password: sby' },
    };
    expect(secrets.maskResult(result, ['scenario'])).toEqual({
      steps: [{ request: `masuk ${SECRET_MASK} aul`, actual: '{"status": "ERROR"}', n: 3 }],
      reason: `the reply quoted ${SECRET_MASK}`,
      transcript: [
        { direction: 'sent', connection: 'c', text: `masuk ${SECRET_MASK} aul\r\n`, bytes: 15 },
      ],
      scenario: { yaml: 'password: sby' },
    });
  });
});

describe('a launched server’s output in a saved result', () => {
  it('is masked as free text: a login line anywhere in a line hides its password', () => {
    const secrets = new Secrets({
      fixture: {
        users: [{ username: 'messi', password: 'p4ss', name: 'M' }],
        groups: [],
      } as Fixture,
    });
    const masked = secrets.maskResult({
      scenarios: [
        {
          reason:
            'no reply within 5000 ms; the server printed: data dari client: auth lionel hunter2',
          serverOutput: [
            { stream: 'stdout', text: 'data dari client: auth lionel hunter2 ', sinceStartMs: 1 },
            { stream: 'stderr', text: 'bad password p4ss', sinceStartMs: 2 },
          ],
        },
      ],
    });
    const [s] = masked.scenarios;
    expect(s!.serverOutput[0]!.text).toBe('data dari client: auth lionel *** ');
    expect(s!.serverOutput[1]!.text).toBe('bad password ***');
    expect(s!.reason).not.toContain('hunter2');
  });
});

describe('a reason', () => {
  it("masks a login line in what the server printed, never chatspec's own words before it", () => {
    const secrets = new Secrets({ fixture: SEED_FIXTURE });
    const masked = secrets.maskResult({
      reason:
        'step 1 (auth): no reply within 500 ms; the server printed: data dari client: auth aul xyz',
    });
    expect(masked.reason).toBe(
      'step 1 (auth): no reply within 500 ms; the server printed: data dari client: auth aul ***',
    );
    const plain = secrets.maskResult({ reason: 'step 1 (auth): connection closed by the server' });
    expect(plain.reason).toBe('step 1 (auth): connection closed by the server');
  });
});
