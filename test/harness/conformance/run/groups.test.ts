/**
 * The group scenarios on a server with no groups of its own: the run makes its groups
 * through the probed dialect (groups.create and groups.join), judges fan-out there, and
 * catches the nested-message bug seen in the wild without failing a correct server.
 */
import { tcpDialer } from '../../../../net/index.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeDialect, runConformance } from '../../../../harness/index.js';
import { groupsForRun } from '../../../../harness/learn/groups.js';
import { loadFixtureFile, type Fixture } from '../../../../specs/index.js';
import { startPythonServer, type PythonServer } from '../../../support/python-server.js';

const FIXTURE_PATH = join(import.meta.dirname, '../../../fixtures/servers/groups/fixture.json');

let running: PythonServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

/** Probes the server with users only, then runs the group, inbox and file scenarios. */
async function judgeGroups(style: string, env: Record<string, string> = {}) {
  const server = await startPythonServer(`groups/${style}.py`, env);
  running.push(server);
  const fixture: Fixture = await loadFixtureFile(FIXTURE_PATH);
  const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', server.port), fixture });
  return runConformance({
    dialer: tcpDialer('127.0.0.1', server.port),
    fixture,
    dialect: found.dialect,
    only: ['GROUP', 'INBOX', 'SENDFILE'],
    timeoutMs: 3000,
  });
}

describe('group scenarios on servers with no groups of their own, in the probed dialect', () => {
  it.each(['member_list', 'create_group', 'send_to_group', 'group_inbox'])(
    '%s: fan-out is judged, and nothing FAILs on a correct server',
    async (style) => {
      const result = await judgeGroups(style);
      const everyMember = result.scenarios.find((s) => s.id === 'send_group/every-member');
      expect(everyMember?.verdict).toBe('PASS');
      const bad = result.scenarios.filter((s) => s.verdict === 'FAIL' || s.verdict === 'ERROR');
      expect(bad.map((s) => `${s.id}: ${s.reason}`)).toEqual([]);
    },
    60_000,
  );

  it.each(['member_list', 'create_group'])(
    "%s: the later members getting the previous member's message nested in msg is one FAIL",
    async (style) => {
      const result = await judgeGroups(style, { NESTED: '1' });
      const failed = result.scenarios.filter((s) => s.verdict === 'FAIL');
      expect(failed.map((s) => s.id)).toEqual(['inbox/group-entry-shape']);
      expect(failed[0]!.requirements).toContain('INBOX-3');
    },
    60_000,
  );
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
