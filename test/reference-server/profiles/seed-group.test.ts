/**
 * The seed-group profile over TCP: the template grown to all eight commands, with the seed
 * group's quirks, in the bytes its server writes.
 */
import { describe, expect, it } from 'vitest';
import { FILE_SENT_BYTES, INFORMASI_BYTES, SENT_BYTES, exchange, profiled } from './support.js';

const PROFILE = 'seed-group';

describe('seed-group', () => {
  it('has all eight commands', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `my_file ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {}}',
    );
    expect(await exchange(client, `send_group ${token} group1 hai \r\n`)).toBe(SENT_BYTES);
    expect(await exchange(client, `send_file ${token} aul a.txt QUJD \r\n`)).toBe(FILE_SENT_BYTES);
    expect(await exchange(client, `send_group_file ${token} group1 b.txt QUJD \r\n`)).toBe(
      FILE_SENT_BYTES,
    );
    expect(await exchange(client, `download_file ${token} group1 b.txt \r\n`)).toBe(
      '{"status": "OK", "messages": "Downloaded b.txt", "filename": "b.txt", "data": " QUJD"}',
    );
    expect(await exchange(client, `my_file ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"aul": ["a.txt"], "group1": ["b.txt"]}}',
    );
  });

  it('lists personal messages as plain strings and group messages as objects under the group id, the sender included', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('henderson');
    expect(await exchange(client, `send ${token} messi pribadi \r\n`)).toBe(SENT_BYTES);
    expect(await exchange(client, `send_group ${token} group1 ke grup \r\n`)).toBe(SENT_BYTES);
    const messi = await s.as('messi');
    expect(await exchange(messi.client, `inbox ${messi.token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"henderson": [" pribadi \\r\\n"], "group1": [{"msg_from": "Jordan Henderson", "msg_to": "Lionel Messi", "msg": " ke grup \\r\\n"}]}}',
    );
    expect(await exchange(client, `inbox ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"group1": [{"msg_from": "Jordan Henderson", "msg_to": "Jordan Henderson", "msg": " ke grup \\r\\n"}]}}',
    );
  });

  it('rebuilds a file from j[4:-1]: a leading space with the trailing space, silently empty without it', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `send_file ${token} aul ada.txt QUJD \r\n`)).toBe(
      FILE_SENT_BYTES,
    );
    expect(await exchange(client, `send_file ${token} aul hilang.txt QUJD\r\n`)).toBe(
      FILE_SENT_BYTES,
    );
    expect(await exchange(client, `send_group_file ${token} group2 g.txt QUJD\r\n`)).toBe(
      FILE_SENT_BYTES,
    );
    const aul = await s.as('aul');
    expect(await exchange(aul.client, `download_file ${aul.token} messi ada.txt \r\n`)).toBe(
      '{"status": "OK", "messages": "Downloaded ada.txt", "filename": "ada.txt", "data": " QUJD"}',
    );
    expect(await exchange(aul.client, `download_file ${aul.token} messi hilang.txt \r\n`)).toBe(
      '{"status": "OK", "messages": "Downloaded hilang.txt", "filename": "hilang.txt", "data": ""}',
    );
    expect(await exchange(aul.client, `download_file ${aul.token} group2 g.txt \r\n`)).toBe(
      '{"status": "OK", "messages": "Downloaded g.txt", "filename": "g.txt", "data": ""}',
    );
  });

  it('stores a send_file without a filename as a file named ""', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `send_file ${token} aul \r\n`)).toBe(FILE_SENT_BYTES);
    const aul = await s.as('aul');
    expect(await exchange(aul.client, `my_file ${aul.token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"messi": [""]}}',
    );
  });

  it('answers an unknown session with "Informasi tidak ditemukan" on every command', async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    const bad = '00000000-0000-4000-8000-000000000000';
    for (const line of [
      `inbox ${bad} \r\n`,
      `my_file ${bad} \r\n`,
      `send_group ${bad} group1 hai \r\n`,
      `download_file ${bad} aul a.txt \r\n`,
    ]) {
      expect(await exchange(c, line), line).toBe(INFORMASI_BYTES);
    }
  });

  it('accepts a group message without text, and keeps drained keys with []', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `send_group ${token} group1 \r\n`)).toBe(SENT_BYTES);
    expect(await exchange(client, `inbox ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"group1": [{"msg_from": "Lionel Messi", "msg_to": "Lionel Messi", "msg": " \\r\\n"}]}}',
    );
    expect(await exchange(client, `inbox ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"group1": []}}',
    );
  });

  it("reads requests with the template's loop: only the first of two in one write", async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    await c.send('auth aul sby \r\nauth aul sby \r\n');
    expect(await c.rawReply()).toMatch(/^\{"status": "OK", "tokenid": /);
    expect(await c.staysSilent(200)).toBe(true);
    expect(await c.sendThenSilent('auth aul sby\n', 200)).toBe(true);
  });
});
