/**
 * The model under hostile data: keys that are special to JavaScript objects, storage that a
 * client could grow without end, and the password check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  ERROR_TEXTS,
  applyLine,
  createState,
  parseFixture,
  passwordMatches,
  type ModelLimits,
} from '../../../specs/index.js';

function world(limits: Partial<ModelLimits> = {}) {
  const fixture = parseFixture({
    users: [
      { username: '__proto__', password: 'p', name: 'Proto' },
      { username: 'constructor', password: 'p', name: 'Ctor' },
      { username: 'x', password: 'p', name: 'X' },
    ],
    groups: [{ id: 'hasOwnProperty', name: 'G', members: ['x', 'constructor'] }],
  });
  const state = createState(fixture, { ...DEFAULT_LIMITS, ...limits });
  let n = 0;
  const ctx = { newToken: () => `token-${n++}` };
  const run = (line: string) => applyLine(state, line, ctx) as unknown as Record<string, unknown>;
  const login = (user: string) => run(`auth ${user} p`).tokenid as string;
  return { state, run, login };
}

describe('keys that are special to JavaScript objects', () => {
  it('a sender named __proto__ has its messages and files listed like anyone else', () => {
    const { run, login } = world();
    const proto = login('__proto__');
    const x = login('x');
    expect(run(`send ${proto} x hello`).status).toBe('OK');
    expect(run(`send_file ${proto} x f.txt aGk=`).status).toBe('OK');
    const inbox = JSON.parse(JSON.stringify(run(`inbox ${x}`))) as { messages: object };
    expect(Object.keys(inbox.messages)).toEqual(['__proto__']);
    const files = JSON.parse(JSON.stringify(run(`my_file ${x}`))) as { messages: object };
    expect(files.messages).toEqual(JSON.parse('{"__proto__":["f.txt"]}'));
    expect(run(`download_file ${x} __proto__ f.txt`).data).toBe('aGk=');
  });

  it('a group named hasOwnProperty and a user named constructor work', () => {
    const { run, login } = world();
    const c = login('constructor');
    expect(run(`send_group ${c} hasOwnProperty hi`).status).toBe('OK');
    const inbox = JSON.parse(JSON.stringify(run(`inbox ${c}`))) as {
      messages: Record<string, unknown[]>;
    };
    expect(inbox.messages.hasOwnProperty).toHaveLength(1);
  });
});

describe('limits.maxStoredMessageChars', () => {
  it('refuses a message that would pass the cap, delivering nothing, and a read frees room', () => {
    const { run, login, state } = world({ maxStoredMessageChars: 10 });
    const x = login('x');
    const c = login('constructor');
    expect(run(`send ${x} constructor 123456`).status).toBe('OK');
    expect(state.storedMessageChars).toBe(6);
    expect(run(`send ${x} constructor 12345`)).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.STORAGE_FULL,
    });
    // A group message counts once per member: 2 members × 3 characters > 4 left.
    expect(run(`send_group ${x} hasOwnProperty abc`).message).toBe(ERROR_TEXTS.STORAGE_FULL);
    expect(state.storedMessageChars).toBe(6);
    run(`inbox ${c}`);
    expect(state.storedMessageChars).toBe(0);
    expect(run(`send_group ${x} hasOwnProperty abcde`).status).toBe('OK');
    expect(state.storedMessageChars).toBe(10);
  });
});

describe('the password check', () => {
  it('matches only the exact password', () => {
    expect(passwordMatches('surabaya', 'surabaya')).toBe(true);
    for (const guess of ['', 's', 'surabay', 'surabayaa', 'Surabaya', 'surabaya\0', 'sürabaya']) {
      expect(passwordMatches('surabaya', guess)).toBe(false);
    }
  });

  it('is constant-time: timingSafeEqual on SHA-256 digests, and no other comparison', () => {
    const source = readFileSync(
      join(import.meta.dirname, '../../../specs/model/transition.ts'),
      'utf8',
    );
    expect(source).toMatch(/timingSafeEqual\(digest\(expected\), digest\(given\)\)/);
    expect(source).toMatch(/createHash\('sha256'\)/);
    // The only place a password is compared is passwordMatches.
    expect(source.match(/\.password\b/g)).toEqual(['.password', '.password']);
    expect(source).toMatch(/passwordMatches\(user\.password, req\.password\)/);
  });
});
