import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../results/transcript.js';
import {
  PASSWORD_MASK,
  PasswordMasker,
  maskPassword,
  maskTranscript,
} from '../../reports/index.js';

function sent(text: string, connection = 'main'): TranscriptEntry {
  return { direction: 'sent', atMs: 0, connection, text, bytes: Buffer.byteLength(text) };
}

describe('maskPassword', () => {
  it('masks the third word of an auth line and nothing else', () => {
    expect(maskPassword('auth messi surabaya \r\n')).toBe(`auth messi ${PASSWORD_MASK} \r\n`);
    expect(maskPassword('send tok messi surabaya\r\n')).toBe('send tok messi surabaya\r\n');
    expect(maskPassword('authx messi surabaya\r\n')).toBe('authx messi surabaya\r\n');
  });

  it('follows the server: tabs, runs of blanks, capitals, several lines, bare LF', () => {
    expect(maskPassword('  AUTH\tmessi \t s3cret\r\ninbox t\nAuth a b\n')).toBe(
      `  AUTH\tmessi \t ${PASSWORD_MASK}\r\ninbox t\nAuth a ${PASSWORD_MASK}\n`,
    );
  });

  it('masks every character of a password sent one byte per packet', () => {
    const masker = new PasswordMasker();
    const pieces = [...'auth messi surabaya \r\n'].map((c) => masker.mask(c));
    expect(pieces.join('')).toBe(`auth messi ${PASSWORD_MASK} \r\n`);
    expect(pieces.join('')).not.toContain('surabaya');
  });

  it('knows the login word of another dialect', () => {
    expect(new PasswordMasker(['login']).mask('login messi surabaya\r\n')).toBe(
      `login messi ${PASSWORD_MASK}\r\n`,
    );
  });

  it('never leaves a password of an auth line in the output (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9!#%&]{1,20}$/);
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 5 }), (user, password, chunk) => {
        const line = `auth ${user} ${password}  \r\n`;
        const masker = new PasswordMasker();
        let out = '';
        for (let i = 0; i < line.length; i += chunk) out += masker.mask(line.slice(i, i + chunk));
        expect(out).toBe(`auth ${user} ${PASSWORD_MASK}  \r\n`);
      }),
    );
  });
});

describe('maskTranscript', () => {
  it('reads each connection as its own stream and leaves replies alone', () => {
    const entries: TranscriptEntry[] = [
      sent('auth messi sur', 'a'),
      sent('auth aul ', 'b'),
      sent('aba', 'a'),
      { direction: 'received', atMs: 1, connection: 'a', text: 'surabaya', bytes: 8 },
      sent('sby\r\n', 'b'),
      sent('ya \r\n', 'a'),
    ];
    const masked = maskTranscript(entries);
    expect(masked.map((e) => e.text)).toEqual([
      `auth messi ${PASSWORD_MASK}`,
      'auth aul ',
      '',
      'surabaya',
      `${PASSWORD_MASK}\r\n`,
      ' \r\n',
    ]);
    // The byte counts still say what crossed the wire.
    expect(masked.map((e) => e.bytes)).toEqual(entries.map((e) => e.bytes));
  });
});
