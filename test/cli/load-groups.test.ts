/**
 * `chatspec load` against a course-style Python server whose groups are made before use
 * (create_group, join_group): the load makes the fixture's groups first, as the conformance
 * run and the fuzzer do, so a correct server's group sends are answered OK and delivered,
 * instead of refused for groups it was never asked to make.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../../results/index.js';
import { startPythonServer, type PythonServer } from '../support/python-server.js';
import { runChatspec } from './support/run-cli.js';
import { WireClient } from '../reference-server/support/wire.js';

const USERS_PATH = join(import.meta.dirname, '../fixtures/servers/groups/fixture.json');

let dir: string;
let running: PythonServer | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-load-groups-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The test users with one group, written to a file; alice's password changed on demand. */
async function fixtureFile(
  name: string,
  members: readonly string[] = ['alice', 'bob', 'carol'],
  alicePassword?: string,
): Promise<string> {
  const users = JSON.parse(await readFile(USERS_PATH, 'utf8')) as {
    users: { username: string; password: string }[];
  };
  const fixture = {
    users: users.users.map((u) =>
      u.username === 'alice' && alicePassword !== undefined ? { ...u, password: alicePassword } : u,
    ),
    groups: [{ id: 'g1', name: 'Group One', members }],
  };
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(fixture));
  return file;
}

const loadArgs = (port: number, fixture: string, seed = 1): string[] => [
  'load',
  `127.0.0.1:${port}`,
  '--seed',
  String(seed),
  '-c',
  '4',
  '-a',
  '200',
  '-w',
  'group',
  '--dialect',
  'created-groups',
  '--fixture',
  fixture,
  '--audit',
  '--json',
  '--no-progress',
];

describe('chatspec load on a server whose groups are made before use', () => {
  it('makes the groups first: every group send is answered OK and delivered', async () => {
    running = await startPythonServer('groups/create_group.py');
    const three = await fixtureFile('three.json');
    // The second run, with another seed, finds g1 made and adds a fourth member to it: every
    // load makes its groups with the same password, so dave's join is accepted, and the audit
    // would count his group messages lost if it were not.
    const four = await fixtureFile('four.json', ['alice', 'bob', 'carol', 'dave']);
    for (const [fixture, seed] of [
      [three, 1],
      [four, 2],
    ] as const) {
      const exit = await runChatspec(loadArgs(running.port, fixture, seed), 60_000);
      expect(exit.stderr).toBe('');
      expect(exit.code).toBe(0);
      const report = JSON.parse(exit.stdout) as LoadReport;
      const sends = report.commands.send_group!;
      expect(sends.sent).toBeGreaterThan(50);
      expect(sends.ok).toBe(sends.sent);
      expect(report.outcomes.errorReplies).toBe(0);
      expect(report.audit!.delivered).toBeGreaterThan(sends.ok);
      expect(report.audit!.lost).toBe(0);
    }
  }, 120_000);

  it('exits 2 with one line when a member cannot join a group made before with another password', async () => {
    running = await startPythonServer('groups/create_group.py');
    // Someone else makes g1 first, with a password of their own.
    const other = await WireClient.open(running.port);
    const login = await other.request('auth alice wonder \r\n');
    expect(
      await other.request(`create_group ${String(login.tokenid)} g1 theirs \r\n`),
    ).toMatchObject({ status: 'OK' });
    other.close();
    const exit = await runChatspec(loadArgs(running.port, await fixtureFile('g1.json')), 60_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      'chatspec: cannot make the groups the workload sends to: bob could not join g1 ("Password Salah"); a group made before, with another password, cannot be joined\n',
    );
    expect(exit.stdout).toBe('');
  }, 60_000);

  it('exits 2 with one line when the groups cannot be made', async () => {
    running = await startPythonServer('groups/create_group.py');
    const fixture = await fixtureFile('wrong.json', undefined, 'not-her-password');
    const exit = await runChatspec(loadArgs(running.port, fixture), 60_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      'chatspec: cannot make the groups the workload sends to: alice could not log in to make g1\n',
    );
    expect(exit.stdout).toBe('');
  }, 60_000);
});
