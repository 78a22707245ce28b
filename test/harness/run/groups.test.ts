/**
 * The group scenarios on a server with no groups of its own: the run makes its groups
 * through the probed dialect (groups.create and groups.join), judges fan-out there, and
 * catches the nested-message bug seen in the wild without failing a correct server.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeDialect, runConformance } from '../../../harness/index.js';
import { groupsForRun } from '../../../harness/run/groups.js';
import { loadFixtureFile, type Fixture } from '../../../specs/index.js';
import { startPythonServer, type PythonServer } from '../../support/python-server.js';

const FIXTURE_PATH = join(import.meta.dirname, '../../fixtures/servers/groups/fixture.json');

let running: PythonServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

async function judgeGroups(env: Record<string, string>) {
  const server = await startPythonServer('groups/create_group.py', env);
  running.push(server);
  const fixture: Fixture = await loadFixtureFile(FIXTURE_PATH);
  const found = await probeDialect({ host: '127.0.0.1', port: server.port, fixture });
  expect(found.dialect.groupSource).toBe('created');
  return runConformance({
    host: '127.0.0.1',
    port: server.port,
    fixture,
    dialect: found.dialect,
    only: ['GROUP', 'INBOX'],
    timeoutMs: 3000,
  });
}

describe('group scenarios on a server whose groups are made before use', () => {
  it('run in a group the run made, and FAIL nothing on a correct server', async () => {
    const result = await judgeGroups({});
    const everyMember = result.scenarios.find((s) => s.id === 'send_group/every-member');
    expect(everyMember?.verdict).toBe('PASS');
    expect(result.scenarios.filter((s) => s.verdict === 'FAIL' || s.verdict === 'ERROR')).toEqual(
      [],
    );
  }, 60_000);

  it("catch the later members getting the previous member's message nested in msg", async () => {
    const result = await judgeGroups({ NESTED: '1' });
    const failed = result.scenarios.filter((s) => s.verdict === 'FAIL');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((s) => s.requirements.includes('INBOX-3'))).toBe(true);
  }, 60_000);
});

describe('groups for a run', () => {
  const users = ['a', 'b', 'c', 'd', 'e', 'f'].map((u) => ({
    username: u,
    password: 'p',
    name: u,
  }));

  it('keep a fixture group of two members, and make one of the users otherwise', () => {
    const own = { id: 'g', name: 'G', members: ['a', 'b'] };
    expect(groupsForRun({ users, groups: [own] }, 'r1')).toEqual([own]);
    expect(groupsForRun({ users, groups: [] }, 'r1')).toEqual([
      { id: 'csr1g', name: 'chatspec r1', members: ['a', 'b', 'c', 'd'] },
    ]);
    expect(groupsForRun({ users: users.slice(0, 3), groups: [] }, 'r1')[0]?.members).toEqual([
      'a',
      'b',
    ]);
    expect(groupsForRun({ users: users.slice(0, 1), groups: [] }, 'r1')).toEqual([]);
  });
});
