/** Large binary files through send_file/download_file and the group variant, byte-exact. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { PASSWORDS, openAs, type WireClient } from './support/wire.js';

const FIVE_MIB = 5 * 1024 * 1024;

let server: RunningServer;
const clients: WireClient[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

async function as(username: string) {
  const opened = await openAs(server.port, username, PASSWORDS[username]!);
  clients.push(opened.client);
  return opened;
}

async function download(
  user: { client: WireClient; token: string },
  peer: string,
  name: string,
): Promise<Buffer> {
  const reply = await user.client.request(
    `download_file ${user.token} ${peer} ${name} \r\n`,
    20_000,
  );
  expect(reply).toMatchObject({ status: 'OK', filename: name, messages: `Downloaded ${name}` });
  return Buffer.from(reply.data as string, 'base64');
}

describe('a 5 MiB random binary file', () => {
  // Random bytes cover every byte value, NULs, CR/LF and invalid UTF-8 sequences.
  const content = randomBytes(FIVE_MIB);
  const base64 = content.toString('base64');

  it('round-trips byte-exact through send_file and download_file, for recipient and sender', async () => {
    const messi = await as('messi');
    const henderson = await as('henderson');
    const sent = await messi.client.request(
      `send_file ${messi.token} henderson big.bin ${base64} \r\n`,
      20_000,
    );
    expect(sent).toEqual({ status: 'OK', message: 'File Sent' });
    expect((await download(henderson, 'messi', 'big.bin')).equals(content)).toBe(true);
    expect((await download(messi, 'henderson', 'big.bin')).equals(content)).toBe(true);
  });

  it('round-trips byte-exact through send_group_file for every member, the sender included', async () => {
    const members = await Promise.all(['aul', 'messi', 'rimas', 'kinas'].map((u) => as(u)));
    const [aul] = members;
    // Sent in 64 KiB pieces with a pause between them, so the server reassembles ~110 of them.
    await aul!.client.sendInPieces(
      `send_group_file ${aul!.token} group2 group.bin ${base64} \r\n`,
      64 * 1024,
      0,
    );
    expect(await aul!.client.reply(20_000)).toEqual({ status: 'OK', message: 'File Sent' });
    for (const member of members) {
      expect((await download(member, 'group2', 'group.bin')).equals(content)).toBe(true);
    }
  });

  it('keeps one copy of the data for all recipients (the stored bytes count each copy, the memory does not)', () => {
    const group = server.state.repositories.get('rimas')!.get('group2')!.get('group.bin')!;
    expect(server.state.repositories.get('kinas')!.get('group2')!.get('group.bin')).toBe(group);
    expect(group).toBe(base64);
  });
});
