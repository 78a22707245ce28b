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

/** The test users with one group of three, written to a file; a password changed on demand. */
async function fixtureFile(name: string, alicePassword?: string): Promise<string> {
  const users = JSON.parse(await readFile(USERS_PATH, 'utf8')) as {
    users: { username: string; password: string }[];
  };
  const fixture = {
    users: users.users.map((u) =>
      u.username === 'alice' && alicePassword !== undefined ? { ...u, password: alicePassword } : u,
    ),
    groups: [{ id: 'g1', name: 'Group One', members: ['alice', 'bob', 'carol'] }],
  };
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(fixture));
  return file;
}

const loadArgs = (port: number, fixture: string): string[] => [
  'load',
  `127.0.0.1:${port}`,
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
    const fixture = await fixtureFile('fixture.json');
    // Twice: the second run finds the groups made and joins them all the same.
    for (let run = 0; run < 2; run++) {
      const exit = await runChatspec(loadArgs(running.port, fixture), 60_000);
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

  it('exits 2 with one line when the groups cannot be made', async () => {
    running = await startPythonServer('groups/create_group.py');
    const fixture = await fixtureFile('wrong.json', 'not-her-password');
    const exit = await runChatspec(loadArgs(running.port, fixture), 60_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      'chatspec: cannot make the groups the workload sends to: alice could not log in to make g1\n',
    );
    expect(exit.stdout).toBe('');
  }, 60_000);
});
