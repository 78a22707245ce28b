import { describe, expect, it } from 'vitest';
import { FILE_SENT, SENT, defective, texts } from './support.js';

describe('group-misses-last-member', () => {
  it('delivers to every member of group2 but kinas, its last', async () => {
    const s = await defective(['group-misses-last-member']);
    const members = await Promise.all(['messi', 'aul', 'rimas', 'kinas'].map((u) => s.as(u)));
    expect(
      await members[0]!.client.request(`send_group ${members[0]!.token} group2 halo \r\n`),
    ).toEqual(SENT);
    const got = await Promise.all(
      members.map(async (m) => texts(await m.client.request(`inbox ${m.token} \r\n`), 'group2')),
    );
    expect(got).toEqual([['halo'], ['halo'], ['halo'], []]);
    expect(s.server.state.inboxCounts.has('kinas')).toBe(false);
  });
});

describe('group-skips-sender', () => {
  it('delivers to every member but the sender', async () => {
    const s = await defective(['group-skips-sender']);
    const members = await Promise.all(['messi', 'henderson', 'lineker'].map((u) => s.as(u)));
    await members[0]!.client.request(`send_group ${members[0]!.token} group1 halo \r\n`);
    const got = await Promise.all(
      members.map(async (m) => texts(await m.client.request(`inbox ${m.token} \r\n`), 'group1')),
    );
    expect(got).toEqual([[], ['halo'], ['halo']]);
  });
});

describe('group-file-not-listed', () => {
  it('leaves group files out of my_file while personal files stay listed and the group file downloads', async () => {
    const s = await defective(['group-file-not-listed']);
    const messi = await s.as('messi');
    expect(
      await messi.client.request(`send_group_file ${messi.token} group1 g.txt QUJD \r\n`),
    ).toEqual(FILE_SENT);
    await messi.client.request(`send_file ${messi.token} messi p.txt QUJD \r\n`);
    expect(await messi.client.request(`my_file ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: ['p.txt'] },
    });
    expect(
      await messi.client.request(`download_file ${messi.token} group1 g.txt \r\n`),
    ).toMatchObject({ data: 'QUJD' });
  });
});

describe('group-unknown-accepted', () => {
  it('answers OK for an unknown group, message or file', async () => {
    const s = await defective(['group-unknown-accepted']);
    const messi = await s.as('messi');
    expect(await messi.client.request(`send_group ${messi.token} group9 halo \r\n`)).toEqual(SENT);
    expect(await messi.client.request(`send_group_file ${messi.token} group9 f QUJD \r\n`)).toEqual(
      FILE_SENT,
    );
    expect(await messi.client.request(`inbox ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });
});

describe('group-message-nests-previous', () => {
  it("gives the second and later members the previous member's message object as msg", async () => {
    const s = await defective(['group-message-nests-previous']);
    const messi = await s.as('messi');
    expect(await messi.client.request(`send_group ${messi.token} group1 halo \r\n`)).toEqual(SENT);
    const first = { msg_from: 'Lionel Messi', msg_to: 'Lionel Messi', msg: 'halo' };
    const second = { msg_from: 'Lionel Messi', msg_to: 'Jordan Henderson', msg: first };
    const third = { msg_from: 'Lionel Messi', msg_to: 'Gary Lineker', msg: second };
    expect(await messi.client.request(`inbox ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { group1: [first] },
    });
    const henderson = await s.as('henderson');
    expect(await henderson.client.request(`inbox ${henderson.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { group1: [second] },
    });
    const lineker = await s.as('lineker');
    expect(await lineker.client.request(`inbox ${lineker.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { group1: [third] },
    });
  });
});
