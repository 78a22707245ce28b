/**
 * Fuzzing a course-style server whose groups are made before use (create_group, join_group):
 * the campaign makes the fixture's groups as the conformance run does, so that a correct
 * server's group sends are not failed for groups it was never asked to make, and a server
 * without own copies is not failed for the file it rightly still holds.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tcpDialer } from '../../../net/index.js';
import { probeDialect } from '../../../harness/index.js';
import { loadFixtureFile, type Fixture } from '../../../specs/index.js';
import { startPythonServer, type PythonServer } from '../../support/python-server.js';
import { fuzz } from './support/fuzz.js';
import { WireClient } from '../../reference-server/support/wire.js';

const FIXTURE_PATH = join(import.meta.dirname, '../../fixtures/servers/groups/fixture.json');

let running: PythonServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('fuzz on a server whose groups are made before use', () => {
  it.each([
    ['a fixture naming a group the server does not have', true],
    ['a fixture of users only', false],
  ])(
    '%s: the groups are made first, and a correct server passes',
    async (_, named) => {
      running = await startPythonServer('groups/create_group.py');
      const users: Fixture = await loadFixtureFile(FIXTURE_PATH);
      const fixture: Fixture = named
        ? {
            ...users,
            groups: [{ id: 'g1', name: 'Group One', members: ['alice', 'bob', 'carol'] }],
          }
        : users;
      const found = await probeDialect({
        dialer: tcpDialer('127.0.0.1', running.port),
        fixture,
      });
      expect(found.dialect.groupSource).toBe('created');
      for (const seed of [1, 2, 3]) {
        const result = await fuzz(running.port, {
          fixture,
          dialect: found.dialect,
          seed,
          runs: 30,
          timeoutMs: 1000,
        });
        expect(result.failure?.reason).toBeUndefined();
        expect(result.passed).toBe(true);
      }
      // The groups were made on the server: a member's send to one is answered OK.
      const group = named ? 'g1' : 'csfz1g';
      const check = await WireClient.open(running.port);
      const login = await check.request('auth alice wonder \r\n');
      const sent = await check.request(`send_group ${String(login.tokenid)} ${group} hello \r\n`);
      check.close();
      expect(sent.status).toBe('OK');
    },
    120_000,
  );
});
