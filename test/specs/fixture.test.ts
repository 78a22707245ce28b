import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, SEED_FIXTURE, loadFixtureFile, parseFixture } from '../../specs/index.js';

const valid = {
  users: [
    { username: 'a', password: 'pa', name: 'Ann A' },
    { username: 'b', password: 'pb', name: 'Bob B' },
  ],
  groups: [{ id: 'g', name: 'Group G', members: ['a', 'b'] }],
};

function problems(value: unknown): string {
  try {
    parseFixture(value, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return (error as Error).message;
  }
  throw new Error('expected the fixture to be refused');
}

describe('fixture', () => {
  it('defaults to the seed document users and groups', () => {
    expect(SEED_FIXTURE.users.map((u) => [u.username, u.password, u.name])).toEqual([
      ['messi', 'surabaya', 'Lionel Messi'],
      ['henderson', 'surabaya', 'Jordan Henderson'],
      ['lineker', 'surabaya', 'Gary Lineker'],
      ['aul', 'sby', 'Aul Ronaldo'],
      ['kinas', 'sby', 'Kinas Puger'],
      ['rimas', 'sby', 'Rimas Lineker'],
    ]);
    expect(SEED_FIXTURE.groups).toEqual([
      { id: 'group1', name: 'Group 1', members: ['messi', 'henderson', 'lineker'] },
      { id: 'group2', name: 'Group 2', members: ['messi', 'aul', 'rimas', 'kinas'] },
    ]);
    expect(Object.isFrozen(SEED_FIXTURE.users[0])).toBe(true);
    expect(Object.isFrozen(SEED_FIXTURE.groups[1]!.members)).toBe(true);
  });

  it('accepts a valid fixture, returns it frozen, and defaults groups to none', () => {
    const fixture = parseFixture(valid);
    expect(fixture).toEqual(valid);
    expect(Object.isFrozen(fixture.users)).toBe(true);
    expect(parseFixture({ users: valid.users }).groups).toEqual([]);
  });

  it.each([
    ['not an object', [], /\(top level\)/],
    ['no users', { groups: [] }, /users: /],
    ['an empty user list', { users: [] }, /users: must list at least one user/],
    [
      'a user without a password',
      { users: [{ username: 'a', name: 'A' }] },
      /users\[0\]\.password/,
    ],
    [
      'a password with a space',
      { users: [{ username: 'a', password: 'two words', name: 'A' }] },
      /users\[0\]\.password: must not contain spaces/,
    ],
    [
      'an empty username',
      { users: [{ username: '', password: 'p', name: 'A' }] },
      /users\[0\]\.username: must not be empty/,
    ],
    ['an unknown key', { users: valid.users, groups: [], extra: 1 }, /extra|Unrecognized key/i],
    [
      'a duplicate username',
      { users: [...valid.users, { username: 'a', password: 'x', name: 'Again' }] },
      /users\[2\]\.username: duplicate username "a"/,
    ],
    [
      'a group member who is not a user',
      { users: valid.users, groups: [{ id: 'g', name: 'G', members: ['a', 'zed'] }] },
      /groups\[0\]\.members\[1\]: unknown user "zed"/,
    ],
    [
      'a group id that is also a username',
      { users: valid.users, groups: [{ id: 'a', name: 'G', members: ['a'] }] },
      /groups\[0\]\.id: group id "a" is also a username/,
    ],
    [
      'a duplicate group id',
      {
        users: valid.users,
        groups: [
          { id: 'g', name: 'G', members: ['a'] },
          { id: 'g', name: 'G2', members: ['b'] },
        ],
      },
      /groups\[1\]\.id: duplicate group id "g"/,
    ],
    [
      'a group without members',
      { users: valid.users, groups: [{ id: 'g', name: 'G', members: [] }] },
      /groups\[0\]\.members: a group needs at least one member/,
    ],
  ])('refuses %s, naming the source and the field', (_what, value, pattern) => {
    const message = problems(value);
    // One line: the file, the field and the problem.
    expect(message).toMatch(/^bad\.json: invalid fixture: \S/);
    expect(message).not.toContain('\n');
    expect(message).toMatch(pattern);
  });

  describe('files', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'chatspec-fixture-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads a valid file', async () => {
      const path = join(dir, 'ok.json');
      await writeFile(path, JSON.stringify(valid));
      expect(await loadFixtureFile(path)).toEqual(valid);
    });

    it('names the file when it cannot be read, keeping the cause', async () => {
      const path = join(dir, 'missing.json');
      const error = await loadFixtureFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FixtureError);
      expect((error as Error).message).toContain(`${path}: cannot read fixture file`);
      expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
    });

    it('names the file when it is not JSON', async () => {
      const path = join(dir, 'broken.json');
      await writeFile(path, '{ "users": [ ');
      const error = await loadFixtureFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FixtureError);
      expect((error as Error).message).toContain(`${path}: fixture is not valid JSON`);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    });

    it('names the file and the field when the content is invalid', async () => {
      const path = join(dir, 'invalid.json');
      await writeFile(path, JSON.stringify({ users: [{ username: 'a', password: 1, name: 'A' }] }));
      await expect(loadFixtureFile(path)).rejects.toThrow(
        `${path}: invalid fixture: users[0].password:`,
      );
    });
  });
});
