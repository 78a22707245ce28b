/** Every command's success and every documented error, over real TCP on loopback. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { PASSWORDS, WireClient, login, openAs } from './support/wire.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const err = (code: keyof typeof ERROR_TEXTS) => ({ status: 'ERROR', message: ERROR_TEXTS[code] });
const SENT = { status: 'OK', message: 'Message Sent' };
const FILE_SENT = { status: 'OK', message: 'File Sent' };

let server: RunningServer;
const clients: WireClient[] = [];

beforeEach(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

async function as(username: string): Promise<{ client: WireClient; token: string }> {
  const opened = await openAs(server.port, username, PASSWORDS[username]!);
  clients.push(opened.client);
  return opened;
}

async function anon(): Promise<WireClient> {
  const client = await WireClient.open(server.port);
  clients.push(client);
  return client;
}

describe('AUTH', () => {
  it('answers OK with a UUIDv4 tokenid, a different one per login', async () => {
    const c = await anon();
    const first = await c.request('auth messi surabaya \r\n');
    const second = await c.request('auth messi surabaya \r\n');
    expect(first).toEqual({ status: 'OK', tokenid: expect.stringMatching(UUID_V4) });
    expect(second.tokenid).not.toBe(first.tokenid);
    // The first session is still valid after the second login.
    expect(await c.request(`inbox ${first.tokenid as string} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });

  it('refuses an unknown user, a wrong password and a missing param with the documented texts', async () => {
    const c = await anon();
    expect(await c.request('auth ronaldo surabaya \r\n')).toEqual(err('AUTH_UNKNOWN_USER'));
    expect(await c.request('auth messi sby \r\n')).toEqual(err('AUTH_WRONG_PASSWORD'));
    expect(await c.request('auth messi \r\n')).toEqual(err('MISSING_PARAMS'));
  });

  it('logs in the users of a custom fixture, and not the seed ones', async () => {
    const custom = await startServer({
      port: 0,
      fixture: { users: [{ username: 'zed', password: 'pw', name: 'Zed' }], groups: [] },
    });
    try {
      const c = await WireClient.open(custom.port);
      clients.push(c);
      expect(await c.request('auth zed pw \r\n')).toMatchObject({ status: 'OK' });
      expect(await c.request('auth messi surabaya \r\n')).toEqual(err('AUTH_UNKNOWN_USER'));
    } finally {
      await custom.close();
    }
  });
});

describe('errors common to all commands', () => {
  it('answers an unknown command, a blank line and a misspelt one with **Protocol Tidak Benar', async () => {
    const c = await anon();
    expect(await c.request('hapus semua \r\n')).toEqual(err('UNKNOWN_COMMAND'));
    expect(await c.request('\r\n')).toEqual(err('UNKNOWN_COMMAND'));
    expect(await c.request('sendgroup x y z \r\n')).toEqual(err('UNKNOWN_COMMAND'));
  });

  it('accepts upper-case command words (PROTO-4)', async () => {
    const c = await anon();
    expect(await c.request('AUTH messi surabaya \r\n')).toMatchObject({ status: 'OK' });
  });

  it.each([
    'send TOKEN henderson',
    'inbox',
    'send_file TOKEN henderson',
    'download_file TOKEN messi',
    'my_file',
    'send_group TOKEN group1',
    'send_group_file TOKEN group1',
  ])('answers "%s" (too few params) with --Protocol Tidak Benar', async (template) => {
    const { client, token } = await as('messi');
    expect(await client.request(`${template.replace('TOKEN', token)} \r\n`)).toEqual(
      err('MISSING_PARAMS'),
    );
  });

  it.each([
    'send FORGED henderson hi',
    'inbox FORGED',
    'send_file FORGED henderson f.txt QUJD',
    'download_file FORGED messi f.txt',
    'my_file FORGED',
    'send_group FORGED group1 hi',
    'send_group_file FORGED group1 f.txt QUJD',
  ])('answers "%s" with Session Tidak Ditemukan', async (template) => {
    const { client, token } = await as('messi');
    // A forged token that differs from a real one in one character only.
    const forged = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect(await client.request(`${template.replace('FORGED', forged)} \r\n`)).toEqual(
      err('UNKNOWN_SESSION'),
    );
  });

  it('checks the session before the target', async () => {
    const c = await anon();
    expect(await c.request('send nope nobody hi \r\n')).toEqual(err('UNKNOWN_SESSION'));
    expect(await c.request('send_group nope nogroup hi \r\n')).toEqual(err('UNKNOWN_SESSION'));
  });
});

describe('SEND and INBOX', () => {
  it('delivers to the recipient under the sender, in order, with full names, then empties', async () => {
    const messi = await as('messi');
    const henderson = await as('henderson');
    const aul = await as('aul');
    expect(await messi.client.request(`send ${messi.token} henderson hello there \r\n`)).toEqual(
      SENT,
    );
    expect(await messi.client.request(`send ${messi.token} henderson second one \r\n`)).toEqual(
      SENT,
    );
    expect(await aul.client.request(`send ${aul.token} henderson dari aul \r\n`)).toEqual(SENT);
    expect(await henderson.client.request(`inbox ${henderson.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {
        messi: [
          { msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: 'hello there' },
          { msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: 'second one' },
        ],
        aul: [{ msg_from: 'Aul Ronaldo', msg_to: 'Jordan Henderson', msg: 'dari aul' }],
      },
    });
    expect(await henderson.client.request(`inbox ${henderson.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
    // Nobody else got anything.
    expect(await messi.client.request(`inbox ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
    expect(await aul.client.request(`inbox ${aul.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });

  it('shares one inbox between two sessions of the same user', async () => {
    const messi = await as('messi');
    const c = await anon();
    const second = await login(c, 'henderson', 'surabaya');
    const first = await as('henderson');
    await messi.client.request(`send ${messi.token} henderson once \r\n`);
    expect(await c.request(`inbox ${second} \r\n`)).toMatchObject({
      messages: { messi: [{ msg: 'once' }] },
    });
    expect(await first.client.request(`inbox ${first.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });

  it('refuses an unknown recipient', async () => {
    const { client, token } = await as('messi');
    expect(await client.request(`send ${token} ronaldo hi \r\n`)).toEqual(err('UNKNOWN_USER'));
  });

  it('answers Penyimpanan Penuh once an inbox is at its cap, delivering nothing', async () => {
    await server.close();
    server = await startServer({
      port: 0,
      limits: {
        maxSessions: 10,
        maxInboxMessages: 2,
        maxStoredFileBytes: 100,
        maxStoredMessageChars: 1000,
      },
    });
    const messi = await as('messi');
    for (const text of ['a', 'b'])
      expect(await messi.client.request(`send ${messi.token} aul ${text} \r\n`)).toEqual(SENT);
    expect(await messi.client.request(`send ${messi.token} aul c \r\n`)).toEqual(
      err('STORAGE_FULL'),
    );
    expect(
      await messi.client.request(`send_file ${messi.token} aul f ${'A'.repeat(60)} \r\n`),
    ).toEqual(err('STORAGE_FULL'));
  });
});

describe('files', () => {
  it('send_file: the recipient lists it under the sender, the sender under the recipient; both download it', async () => {
    const messi = await as('messi');
    const henderson = await as('henderson');
    expect(
      await messi.client.request(`send_file ${messi.token} henderson foto.png AAEC/w== \r\n`),
    ).toEqual(FILE_SENT);
    expect(await henderson.client.request(`my_file ${henderson.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: ['foto.png'] },
    });
    expect(await messi.client.request(`my_file ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { henderson: ['foto.png'] },
    });
    const expected = {
      status: 'OK',
      messages: 'Downloaded foto.png',
      filename: 'foto.png',
      data: 'AAEC/w==',
    };
    expect(
      await henderson.client.request(`download_file ${henderson.token} messi foto.png \r\n`),
    ).toEqual(expected);
    expect(
      await messi.client.request(`download_file ${messi.token} henderson foto.png \r\n`),
    ).toEqual(expected);
  });

  it('my_file with no files is an empty object', async () => {
    const { client, token } = await as('kinas');
    expect(await client.request(`my_file ${token} \r\n`)).toEqual({ status: 'OK', messages: {} });
  });

  it('send_file to an unknown user is refused', async () => {
    const { client, token } = await as('messi');
    expect(await client.request(`send_file ${token} ronaldo f.txt QUJD \r\n`)).toEqual(
      err('UNKNOWN_USER'),
    );
  });

  it('download_file: File Tidak Ditemukan for an unknown peer, an unknown name, and a file sent to someone else', async () => {
    const messi = await as('messi');
    const aul = await as('aul');
    await messi.client.request(`send_file ${messi.token} henderson a.txt QUJD \r\n`);
    expect(await aul.client.request(`download_file ${aul.token} messi a.txt \r\n`)).toEqual(
      err('FILE_NOT_FOUND'),
    );
    expect(await aul.client.request(`download_file ${aul.token} nobody a.txt \r\n`)).toEqual(
      err('FILE_NOT_FOUND'),
    );
    expect(await messi.client.request(`download_file ${messi.token} henderson b.txt \r\n`)).toEqual(
      err('FILE_NOT_FOUND'),
    );
  });

  it('a 0-byte file travels without a data param and downloads as empty data', async () => {
    const messi = await as('messi');
    const rimas = await as('rimas');
    expect(await messi.client.request(`send_file ${messi.token} rimas empty.txt \r\n`)).toEqual(
      FILE_SENT,
    );
    expect(
      await rimas.client.request(`download_file ${rimas.token} messi empty.txt \r\n`),
    ).toMatchObject({
      status: 'OK',
      filename: 'empty.txt',
      data: '',
    });
  });

  it('a file sent again under the same name replaces the earlier one', async () => {
    const messi = await as('messi');
    const rimas = await as('rimas');
    await messi.client.request(`send_file ${messi.token} rimas f.txt QUJD \r\n`);
    await messi.client.request(`send_file ${messi.token} rimas f.txt WFla \r\n`);
    expect(await rimas.client.request(`my_file ${rimas.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: ['f.txt'] },
    });
    expect(
      await rimas.client.request(`download_file ${rimas.token} messi f.txt \r\n`),
    ).toMatchObject({ data: 'WFla' });
  });
});

describe('groups', () => {
  it('send_group reaches every member under the group id, the sender included', async () => {
    const members = await Promise.all(['messi', 'aul', 'rimas', 'kinas'].map((u) => as(u)));
    const henderson = await as('henderson');
    const [messi] = members;
    expect(await messi!.client.request(`send_group ${messi!.token} group2 hai semua \r\n`)).toEqual(
      SENT,
    );
    const names = ['Lionel Messi', 'Aul Ronaldo', 'Rimas Lineker', 'Kinas Puger'];
    for (const [i, m] of members.entries()) {
      expect(await m.client.request(`inbox ${m.token} \r\n`)).toEqual({
        status: 'OK',
        messages: { group2: [{ msg_from: 'Lionel Messi', msg_to: names[i], msg: 'hai semua' }] },
      });
    }
    expect(await henderson.client.request(`inbox ${henderson.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });

  it('a non-member may send; only members receive', async () => {
    const aul = await as('aul');
    const lineker = await as('lineker');
    expect(await aul.client.request(`send_group ${aul.token} group1 dari luar \r\n`)).toEqual(SENT);
    expect(await aul.client.request(`inbox ${aul.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
    expect(await lineker.client.request(`inbox ${lineker.token} \r\n`)).toMatchObject({
      messages: { group1: [{ msg_from: 'Aul Ronaldo', msg: 'dari luar' }] },
    });
  });

  it('send_group and send_group_file refuse an unknown group', async () => {
    const { client, token } = await as('messi');
    expect(await client.request(`send_group ${token} group9 hi \r\n`)).toEqual(
      err('UNKNOWN_GROUP'),
    );
    expect(await client.request(`send_group_file ${token} group9 f.txt QUJD \r\n`)).toEqual(
      err('UNKNOWN_GROUP'),
    );
  });

  it('send_group_file: every member lists it under the group id and downloads it', async () => {
    const members = await Promise.all(['messi', 'henderson', 'lineker'].map((u) => as(u)));
    const [lineker] = members.slice(-1);
    expect(
      await lineker!.client.request(`send_group_file ${lineker!.token} group1 notes.txt QUJD \r\n`),
    ).toEqual(FILE_SENT);
    for (const m of members) {
      expect(await m.client.request(`my_file ${m.token} \r\n`)).toEqual({
        status: 'OK',
        messages: { group1: ['notes.txt'] },
      });
      expect(await m.client.request(`download_file ${m.token} group1 notes.txt \r\n`)).toEqual({
        status: 'OK',
        messages: 'Downloaded notes.txt',
        filename: 'notes.txt',
        data: 'QUJD',
      });
    }
  });
});
