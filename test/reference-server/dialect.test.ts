/** The reference server speaking a dialect, checked on the wire over loopback. */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { parseDialect } from '../../specs/index.js';
import { WireClient } from './support/wire.js';

let server: RunningServer | undefined;
const clients: WireClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

async function speaking(dialect: string | ReturnType<typeof parseDialect>): Promise<WireClient> {
  server = await startServer({ port: 0, dialect });
  const client = await WireClient.open(server.port);
  clients.push(client);
  return client;
}

async function token(c: WireClient, line: string, key = 'tokenid'): Promise<string> {
  const reply = (await c.request(line)) as Record<string, string>;
  expect(reply.status).toBe('OK');
  return reply[key]!;
}

describe('the reference server in a dialect', () => {
  it('reads renamed verbs, logs in with login, and answers the document verbs as unknown', async () => {
    const spec = parseDialect(
      'name: mine\nextends: renamed-verbs\ncommands:\n  AUTH: login {username} {password}\n',
      'mine.yaml',
    );
    const c = await speaking(spec);
    expect(await c.request('auth messi surabaya \r\n')).toEqual({
      status: 'ERROR',
      message: '**Protocol Tidak Benar',
    });
    const t = await token(c, 'login messi surabaya \r\n');
    expect(await c.request(`sendprivate ${t} henderson hello there \r\n`)).toEqual({
      status: 'OK',
      message: 'Message Sent',
    });
    expect(await c.request(`send ${t} henderson hello \r\n`)).toEqual({
      status: 'ERROR',
      message: '**Protocol Tidak Benar',
    });
  });

  it('puts the token under token_id and writes English error texts', async () => {
    const c = await speaking(
      parseDialect('name: mine\nextends: english\nreplies:\n  token: token_id\n', 'mine.yaml'),
    );
    const t = await token(c, 'auth messi surabaya \r\n', 'token_id');
    expect(t).toMatch(/^[0-9a-f-]{36}$/);
    expect(await c.request('auth messi wrong \r\n')).toEqual({
      status: 'ERROR',
      message: 'Wrong password',
    });
    expect(await c.request(`send_group ${t} nogroup hi \r\n`)).toEqual({
      status: 'ERROR',
      message: 'Group Not Found',
    });
    expect(await c.request('nonsense \r\n')).toEqual({
      status: 'ERROR',
      message: '**Incorrect Protocol',
    });
  });

  it('keeps the inbox on read and lists it newest first, strings for personal entries', async () => {
    const c = await speaking(
      parseDialect(
        'name: mine\nextends: keep-inbox\nreplies:\n  inbox:\n    personal: string\n',
        'mine.yaml',
      ),
    );
    const t = await token(c, 'auth messi surabaya \r\n');
    await c.request(`send ${t} messi one \r\n`);
    await c.request(`send ${t} messi two \r\n`);
    expect(await c.request(`inbox ${t} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: ['two', 'one'] },
    });
    await c.request(`send ${t} messi three \r\n`);
    expect(await c.request(`inbox ${t} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: ['three', 'two', 'one'] },
    });
  });

  it('sends to a group named by its members and lists files flat, downloading by name', async () => {
    const c = await speaking(
      parseDialect(
        'name: mine\nextends: member-list\nreplies:\n  files:\n    shape: list\ncommands:\n  DOWNLOAD_FILE: download_file {session} {filename}\n',
        'mine.yaml',
      ),
    );
    const t = await token(c, 'auth messi surabaya \r\n');
    expect(await c.request(`sendgroup ${t} lineker,messi,henderson hi all \r\n`)).toEqual({
      status: 'OK',
      message: 'Message Sent',
    });
    expect(await c.request(`sendgroup ${t} messi,aul hi \r\n`)).toEqual({
      status: 'ERROR',
      message: 'Group Tidak Ditemukan',
    });
    const h = await token(c, 'auth henderson surabaya \r\n');
    expect(await c.request(`inbox ${h} \r\n`)).toEqual({
      status: 'OK',
      messages: {
        group1: [{ msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: 'hi all' }],
      },
    });
    await c.request(`send_file ${t} henderson a.txt QUJD \r\n`);
    expect(await c.request(`my_file ${h} \r\n`)).toEqual({ status: 'OK', messages: ['a.txt'] });
    expect(await c.request(`download_file ${h} a.txt \r\n`)).toEqual({
      status: 'OK',
      messages: 'Downloaded a.txt',
      filename: 'a.txt',
      data: 'QUJD',
    });
  });

  it("delivers a send to a group when the name is a group's, and to the user otherwise", async () => {
    const spec = parseDialect(
      'name: mine\ncommands:\n  SEND_GROUP: send {session} {group} {text}\n',
      'mine.yaml',
    );
    const c = await speaking(spec);
    const messi = await token(c, 'auth messi surabaya \r\n');
    const henderson = await token(c, 'auth henderson surabaya \r\n');
    await c.request(`inbox ${henderson} \r\n`);
    expect(await c.request(`send ${messi} group1 to all \r\n`)).toMatchObject({ status: 'OK' });
    expect(await c.request(`send ${messi} henderson just you \r\n`)).toMatchObject({
      status: 'OK',
    });
    const inbox = (await c.request(`inbox ${henderson} \r\n`)) as {
      messages: Record<string, { msg: string }[]>;
    };
    expect(inbox.messages.group1?.map((e) => e.msg.trim())).toEqual(['to all']);
    expect(inbox.messages.messi?.map((e) => e.msg.trim())).toEqual(['just you']);
  });

  it('makes groups, joins them with the password, and keeps their messages in a group inbox', async () => {
    const spec = parseDialect(
      [
        'name: mine',
        'groups:',
        '  create: create_group {session} {group} {password}',
        '  join: join_group {session} {group} {password}',
        '  inbox: inbox_group {group} {session}',
      ].join('\n'),
      'mine.yaml',
    );
    const c = await speaking(spec);
    const messi = await token(c, 'auth messi surabaya \r\n');
    const aul = await token(c, 'auth aul sby \r\n');
    expect(await c.request(`create_group ${messi} club secret \r\n`)).toMatchObject({
      status: 'OK',
    });
    expect(await c.request(`join_group ${aul} club guess \r\n`)).toEqual({
      status: 'ERROR',
      message: 'Password Salah',
    });
    expect(await c.request(`join_group ${aul} club secret \r\n`)).toMatchObject({
      status: 'OK',
    });
    expect(await c.request(`send_group ${messi} club hello club \r\n`)).toMatchObject({
      status: 'OK',
    });
    // INBOX never lists the group's messages; the group inbox does, once.
    expect(await c.request(`inbox ${aul} \r\n`)).toEqual({ status: 'OK', messages: {} });
    const group = (await c.request(`inbox_group club ${aul} \r\n`)) as {
      message: { msg: string }[];
    };
    expect(group.message.map((e) => e.msg.trim())).toEqual(['hello club']);
    expect(await c.request(`inbox_group club ${aul} \r\n`)).toEqual({ status: 'OK', message: [] });
    expect(await c.request(`inbox_group nosuch ${aul} \r\n`)).toEqual({
      status: 'ERROR',
      message: 'Group Tidak Ditemukan',
    });
  });

  it('answers a command the dialect lacks as an unknown command', async () => {
    const c = await speaking('no-group-file');
    const t = await token(c, 'auth messi surabaya \r\n');
    expect(await c.request(`send_group_file ${t} group1 f.txt QUJD \r\n`)).toEqual({
      status: 'ERROR',
      message: '**Protocol Tidak Benar',
    });
  });
});
