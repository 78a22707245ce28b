/**
 * No request reads or lists another user's inbox or files, whatever params it names; a
 * non-member's send_group is accepted and reaches the members only (PROTOCOL.md §11.4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TEXTS, SEED_FIXTURE } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { WireClient, login } from '../reference-server/support/wire.js';

let server: RunningServer;
let c: WireClient;
beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
  c = await WireClient.open(server.port);
});
afterAll(async () => {
  c.close();
  await server.close();
});

const NOT_FOUND = { status: 'ERROR', message: ERROR_TEXTS.FILE_NOT_FOUND };

describe('isolation between users', () => {
  it("an outsider's every request naming the sender, the recipient or the file gets none of it", async () => {
    const messi = await login(c, 'messi', 'surabaya');
    const henderson = await login(c, 'henderson', 'surabaya');
    const outsider = await login(c, 'kinas', 'sby'); // in group2 with messi, not in group1
    await c.request(`send ${messi} henderson private words \r\n`);
    await c.request(`send_file ${messi} henderson plan.txt cGxhbg== \r\n`);
    await c.request(`send_group_file ${messi} group1 g1.txt Z3JvdXA= \r\n`);

    const peers = ['messi', 'henderson', 'group1', 'lineker', 'kinas', '*', '..', ''];
    const names = ['plan.txt', 'g1.txt', '*', '../plan.txt', 'henderson/plan.txt'];
    for (const peer of peers) {
      for (const name of names) {
        const reply = await c.request(`download_file ${outsider} ${peer} ${name} \r\n`);
        expect(reply, `download_file ${peer} ${name}`).toMatchObject({ status: 'ERROR' });
      }
    }
    expect(await c.request(`my_file ${outsider} \r\n`)).toEqual({ status: 'OK', messages: {} });
    const inbox = await c.request(`inbox ${outsider} \r\n`);
    expect(JSON.stringify(inbox)).not.toContain('private words');
    // The owners still have everything.
    expect(await c.request(`download_file ${henderson} messi plan.txt \r\n`)).toMatchObject({
      status: 'OK',
      data: 'cGxhbg==',
    });
    expect(await c.request(`download_file ${henderson} group1 g1.txt \r\n`)).toMatchObject({
      status: 'OK',
    });
    expect(await c.request(`download_file ${outsider} group1 g1.txt \r\n`)).toEqual(NOT_FOUND);
  });
});

describe("a non-member's send_group (§11.4)", () => {
  it('is accepted and reaches every member, not the sender', async () => {
    const group1 = SEED_FIXTURE.groups.find((g) => g.id === 'group1')!;
    const outsider = await login(c, 'aul', 'sby');
    expect(group1.members).not.toContain('aul');
    const tokens = new Map<string, string>();
    for (const member of group1.members) {
      const user = SEED_FIXTURE.users.find((u) => u.username === member)!;
      tokens.set(member, await login(c, member, user.password));
      await c.request(`inbox ${tokens.get(member)} \r\n`); // drain
    }
    await c.request(`inbox ${outsider} \r\n`);
    expect(await c.request(`send_group ${outsider} group1 from outside \r\n`)).toEqual({
      status: 'OK',
      message: 'Message Sent',
    });
    for (const [member, token] of tokens) {
      const inbox = (await c.request(`inbox ${token} \r\n`)) as {
        messages: Record<string, Array<{ msg: string; msg_from: string }>>;
      };
      expect(inbox.messages.group1, member).toEqual([
        expect.objectContaining({ msg: 'from outside', msg_from: 'Aul Ronaldo' }),
      ]);
    }
    expect(await c.request(`inbox ${outsider} \r\n`)).toEqual({ status: 'OK', messages: {} });
  });

  it('send_group_file from a non-member reaches the members only', async () => {
    const outsider = await login(c, 'rimas', 'sby');
    const lineker = await login(c, 'lineker', 'surabaya');
    expect((await c.request(`send_group_file ${outsider} group1 out.txt b3V0 \r\n`)).status).toBe(
      'OK',
    );
    expect(await c.request(`download_file ${lineker} group1 out.txt \r\n`)).toMatchObject({
      data: 'b3V0',
    });
    expect(await c.request(`download_file ${outsider} group1 out.txt \r\n`)).toEqual(NOT_FOUND);
  });
});
