/** The smaller profiles over TCP: the English template and the nested group messages. */
import { describe, expect, it } from 'vitest';
import { SENT_BYTES, exchange, profiled } from './support.js';

describe('english-template', () => {
  it('is the template with English error texts', async () => {
    const s = await profiled('english-template');
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `my_file ${token} \r\n`)).toBe(
      '{"status": "ERROR", "message": "**Incorrect Protocol"}',
    );
    expect(await exchange(client, 'auth messi\r\n')).toBe(
      '{"status": "ERROR", "message": "--Incorrect Protocol"}',
    );
    expect(await exchange(client, 'auth messi salah \r\n')).toBe(
      '{"status": "ERROR", "message": "Wrong password"}',
    );
    expect(await exchange(client, `send ${token} nobody hai \r\n`)).toBe(
      '{"status": "ERROR", "message": "User not found"}',
    );
    expect(await exchange(client, `send ${token} aul \r\n`)).toBe(SENT_BYTES);
    expect(await client.sendThenSilent('auth messi surabaya\n', 200)).toBe(true);
  });
});

describe('nested-group-messages', () => {
  it("nests the previous member's message object in the next member's msg", async () => {
    const s = await profiled('nested-group-messages');
    const { client, token } = await s.as('aul');
    expect(await exchange(client, `send_group ${token} group2 hai \r\n`)).toBe(SENT_BYTES);
    const first = '{"msg_from": "Aul Ronaldo", "msg_to": "Lionel Messi", "msg": " hai \\r\\n"}';
    const second = `{"msg_from": "Aul Ronaldo", "msg_to": "Aul Ronaldo", "msg": ${first}}`;
    expect(await exchange(client, `inbox ${token} \r\n`)).toBe(
      `{"status": "OK", "messages": {"group2": [${second}]}}`,
    );
    const messi = await s.as('messi');
    expect(await exchange(messi.client, `inbox ${messi.token} \r\n`)).toBe(
      `{"status": "OK", "messages": {"group2": [${first}]}}`,
    );
    expect(await exchange(client, `send_file ${token} messi a.txt QUJD \r\n`)).toBe(
      '{"status": "OK", "message": "File Sent"}',
    );
  });
});
