/**
 * chatspec probe against Python servers in the course's style that do groups the ways real
 * servers do (test/fixtures/servers/groups/), each with a fixture of users only: it must find
 * each style, write a dialect that reads back as the same, and say what it left behind.
 */
import { tcpDialer } from '../../../net/index.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatConnection } from '../../../harness/client/connection.js';
import { probeDialect, renderDialectYaml, renderProbeSummary } from '../../../harness/index.js';
import { loadFixtureFile, parseDialect, type Fixture } from '../../../specs/index.js';
import { startCourseTemplate } from '../../support/course-template.js';
import { startPythonServer, type PythonServer } from '../../support/python-server.js';

const FIXTURE_PATH = join(import.meta.dirname, '../../fixtures/servers/groups/fixture.json');

let running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

async function serve(name: string): Promise<PythonServer> {
  const server = await startPythonServer(`groups/${name}.py`);
  running.push(server);
  return server;
}

async function probeWithUsersOnly(port: number): Promise<Awaited<ReturnType<typeof probeDialect>>> {
  const fixture: Fixture = await loadFixtureFile(FIXTURE_PATH);
  expect(fixture.groups).toEqual([]);
  const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', port), fixture });
  expect(found.stopped).toBeUndefined();
  // The file it writes reads back as the same dialect.
  const again = parseDialect(renderDialectYaml(found), 'probed.yaml');
  expect(again.commands).toEqual(found.spec.commands);
  expect(again.replies).toEqual(found.spec.replies);
  expect(again.groups).toEqual(found.spec.groups);
  return found;
}

const confidence = (
  found: Awaited<ReturnType<typeof probeDialect>>,
  path: string,
): string | undefined => found.findings.find((f) => f.path === path)?.confidence;

describe('chatspec probe finds how a server does groups, with a fixture of users only', () => {
  it('a member list made from the fixture users: sendgroup <sid> u1,u2 <text>', async () => {
    const found = await probeWithUsersOnly((await serve('member_list')).port);
    expect(found.spec.commands.SEND_GROUP).toEqual({
      request: 'sendgroup {session} {members} {text}',
    });
    expect(confidence(found, 'commands.SEND_GROUP')).toBe('confirmed');
    expect(found.spec.groups).toBeUndefined();
    expect(found.dialect.groupSource).toBe('members');
    expect(found.spec.commands.SEND_GROUP_FILE).toBe('unsupported');
  }, 30_000);

  it('groups made and joined with a password before use', async () => {
    const found = await probeWithUsersOnly((await serve('create_group')).port);
    expect(found.spec.commands.SEND_GROUP).toEqual({
      request: 'send_group {session} {group} {text}',
    });
    expect(found.spec.groups).toEqual({
      create: 'create_group {session} {group} {password}',
      join: 'join_group {session} {group} {password}',
    });
    expect(confidence(found, 'groups.create')).toBe('confirmed');
    expect(confidence(found, 'groups.join')).toBe('confirmed');
    expect(found.dialect.groupSource).toBe('created');
    expect(found.changes.some((c) => c.includes('the group') && c.includes('stays'))).toBe(true);
  }, 30_000);

  it('a send that doubles as a group send', async () => {
    const found = await probeWithUsersOnly((await serve('send_to_group')).port);
    expect(found.spec.commands.SEND_GROUP).toEqual({ request: 'send {session} {group} {text}' });
    expect(found.spec.commands.SEND).toEqual({ request: 'send {session} {to} {text}' });
    expect(found.spec.groups?.join).toBe('joingroup {session} {group}');
    const read = found.dialect.parseRequest('send S1 g1 hello \r\n');
    expect(read.ok && read.toMayBeGroup).toBe(true);
  }, 30_000);

  it('a separate group inbox, and file notices listed in the inbox', async () => {
    const found = await probeWithUsersOnly((await serve('group_inbox')).port);
    expect(found.spec.groups).toMatchObject({
      create: 'addgroup {session} {group} {password}',
      join: 'joingroup {session} {group}',
      inbox: 'inbox_group {group} {session}',
      inboxKey: 'message',
    });
    expect(found.spec.replies.inbox.fileNotices).toBe(true);
    expect(confidence(found, 'replies.inbox.fileNotices')).toBe('confirmed');
  }, 30_000);

  it('a server without group commands: every spelling answered as unknown means missing, not assumed', async () => {
    const fixture: Fixture = await loadFixtureFile(FIXTURE_PATH);
    const server = await startCourseTemplate(fixture);
    running.push(server);
    const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', server.port), fixture });
    expect(found.spec.commands.SEND_GROUP).toBe('unsupported');
    expect(confidence(found, 'commands.SEND_GROUP')).toBe('confirmed');
    expect(found.spec.groups).toBeUndefined();
    expect(found.spec.replies.inbox.fileNotices).toBe(false);
  }, 30_000);
});

describe('chatspec probe with a fixture that names a group the server does not have', () => {
  it('finds that groups are made before use, as with users only, and claims no message left unread', async () => {
    const users: Fixture = await loadFixtureFile(FIXTURE_PATH);
    const fixture: Fixture = {
      ...users,
      groups: [{ id: 'g1', name: 'Group One', members: ['alice', 'bob', 'carol'] }],
    };
    const port = (await serve('create_group')).port;
    const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', port), fixture });
    expect(found.spec.groups).toEqual({
      create: 'create_group {session} {group} {password}',
      join: 'join_group {session} {group} {password}',
    });
    expect(confidence(found, 'groups.create')).toBe('confirmed');
    expect(found.dialect.groupSource).toBe('created');
    expect(found.changes.filter((c) => c.includes('wait unread'))).toEqual([]);
  }, 30_000);
});

describe('chatspec probe says what it changes, and puts back what it can', () => {
  async function ask(conn: ChatConnection, line: string): Promise<Record<string, unknown>> {
    await conn.write(line);
    const outcome = await conn.read(2000);
    if (outcome.kind !== 'reply' || outcome.json === undefined) throw new Error(outcome.kind);
    return outcome.json as Record<string, unknown>;
  }

  it('an unread message of a fixture user is read, sent again from its sender, and said so', async () => {
    const server = await serve('member_list');
    const opened = await ChatConnection.open({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 2000,
      maxReplyBytes: 65_536,
      name: 'test',
    });
    if (!opened.ok) throw new Error(opened.reason);
    const conn = opened.connection;
    try {
      const carol = (await ask(conn, 'auth carol singer \r\n')).tokenid as string;
      await ask(conn, `send ${carol} bob unread before the probe \r\n`);
      const found = await probeWithUsersOnly(server.port);
      const summary = renderProbeSummary(found, []);
      expect(summary).toContain('1 unread message(s) of bob were read by the probe and sent again');
      expect(summary).toContain("the probe's file");
      const bob = (await ask(conn, 'auth bob builder \r\n')).tokenid as string;
      const inbox = (await ask(conn, `inbox ${bob} \r\n`)).messages as Record<string, unknown[]>;
      expect(inbox.carol?.map((e) => (e as { msg: string }).msg.trim())).toEqual([
        'unread before the probe',
      ]);
      // The probe's own messages were read by it: none waits in bob's inbox.
      expect(JSON.stringify(inbox)).not.toContain('probe-');
    } finally {
      conn.close();
    }
  }, 30_000);
});
