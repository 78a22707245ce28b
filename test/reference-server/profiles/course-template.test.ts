/**
 * The course-template profile over TCP: every behaviour protocol-facts.md lists for the
 * lecturer's template, with the exact bytes the template puts on the wire.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../support/wire.js';
import {
  INFORMASI_BYTES,
  MISSING_PARAMS_BYTES,
  SENT_BYTES,
  UNKNOWN_COMMAND_BYTES,
  UUID,
  exchange,
  profiled,
} from './support.js';

const PROFILE = 'course-template';

describe('course-template', () => {
  it('logs in with json.dumps bytes: {"status": "OK", "tokenid": "<uuid4>"}', async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    expect(await exchange(c, 'auth messi surabaya \r\n')).toMatch(
      new RegExp(`^\\{"status": "OK", "tokenid": "${UUID}"\\}$`),
    );
    expect(c.received().subarray(-4).toString()).toBe('\r\n\r\n');
    expect(await exchange(c, 'auth nobody x \r\n')).toBe(
      '{"status": "ERROR", "message": "User Tidak Ada"}',
    );
    expect(await exchange(c, 'auth messi salah \r\n')).toBe(
      '{"status": "ERROR", "message": "Password Salah"}',
    );
  });

  it('has only auth, send and inbox: every other command is **Protocol Tidak Benar', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    for (const line of [
      `send_file ${token} aul a.txt QUJD \r\n`,
      `download_file ${token} aul a.txt \r\n`,
      `my_file ${token} \r\n`,
      `send_group ${token} group1 hai \r\n`,
      `send_group_file ${token} group1 a.txt QUJD \r\n`,
      'my_file \r\n',
      'hapus \r\n',
    ]) {
      expect(await exchange(client, line), line).toBe(UNKNOWN_COMMAND_BYTES);
    }
  });

  it('never answers a request ended by a bare LF', async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    expect(await c.sendThenSilent('auth messi surabaya\n', 300)).toBe(true);
    const d = await s.open();
    expect(await d.sendThenSilent('auth messi surabaya \n', 300)).toBe(true);
  });

  it('executes only the first of two requests in one write; the second becomes its tokens', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    // One read: "send <sid> aul satu \r\nsend <sid> aul dua \r\n" is one request to aul.
    await client.send(`send ${token} aul satu \r\nsend ${token} aul dua \r\n`);
    expect(await client.rawReply()).toBe(SENT_BYTES);
    expect(await client.staysSilent(200)).toBe(true);
    const aul = await s.as('aul');
    expect(await exchange(aul.client, `inbox ${aul.token} \r\n`)).toBe(
      `{"status": "OK", "messages": {"messi": [{"msg_from": "Lionel Messi", "msg_to": "Aul Ronaldo", "msg": " satu \\r\\nsend ${token} aul dua \\r\\n"}]}}`,
    );
  });

  it('answers both when a 32-byte read ends right after the first CRLF', async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    const first = `auth messi surabaya${' '.repeat(11)}\r\n`;
    expect(Buffer.byteLength(first)).toBe(32);
    await c.send(`${first}auth aul sby \r\n`);
    expect(await c.rawReply()).toMatch(/^\{"status": "OK", "tokenid": /);
    expect(await c.rawReply()).toMatch(/^\{"status": "OK", "tokenid": /);
  });

  it('kills the connection silently on a character split across 32-byte reads; others still work', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    const head = `send ${token} aul `; // 46 bytes
    const line = Buffer.from(`${head}${'y'.repeat(15)}é \r\n`); // é at bytes 61-62
    expect(line.indexOf(Buffer.from('é'))).toBe(61);
    await client.send(line.subarray(0, 62));
    await sleep(50);
    await client.send(line.subarray(62));
    expect(await client.staysSilent(300)).toBe(true);
    expect(await client.sendThenSilent(`inbox ${token} \r\n`, 300)).toBe(true);
    expect(client.closed).toBe(false);
    const aul = await s.as('aul');
    expect(await exchange(aul.client, `inbox ${aul.token} \r\n`)).toBe(
      '{"status": "OK", "messages": {}}',
    );
  });

  it("buffers a line without end only up to the server's limit (the template has none)", async () => {
    const s = await profiled(PROFILE, { maxLineBytes: 4096 });
    const c = await s.open();
    await c.send(`send x aul ${'a'.repeat(8000)}`);
    // The reference server's own limit: a documented difference from the template, which
    // buffers without limit.
    expect(await c.rawReply()).toBe('{"status": "ERROR", "message": "Request Terlalu Panjang"}');
    await c.waitClosed();
  });

  it('answers an unknown session with "Informasi tidak ditemukan", never "Session Tidak Ditemukan"', async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    for (const line of [
      'inbox 00000000-0000-4000-8000-000000000000 \r\n',
      'send 00000000-0000-4000-8000-000000000000 aul hai \r\n',
      'send 00000000-0000-4000-8000-000000000000 nobody hai \r\n',
      'inbox \r\n',
    ]) {
      expect(await exchange(c, line), line).toBe(INFORMASI_BYTES);
    }
  });

  it('answers too few params with --Protocol Tidak Benar, but "auth messi " with Password Salah', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    for (const line of [
      'auth messi\r\n',
      'auth \r\n',
      'inbox\r\n',
      `send ${token}\r\n`,
      'send \r\n',
    ]) {
      expect(await exchange(client, line), line).toBe(MISSING_PARAMS_BYTES);
    }
    expect(await exchange(client, 'auth messi \r\n')).toBe(
      '{"status": "ERROR", "message": "Password Salah"}',
    );
  });

  it('accepts send without text ("Message Sent") and stores the empty message', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `send ${token} aul \r\n`)).toBe(SENT_BYTES);
    expect(await exchange(client, `send ${token} aul\r\n`)).toBe(SENT_BYTES);
    const aul = await s.as('aul');
    expect(await exchange(aul.client, `inbox ${aul.token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"messi": [{"msg_from": "Lionel Messi", "msg_to": "Aul Ronaldo", "msg": " \\r\\n"}, {"msg_from": "Lionel Messi", "msg_to": "Aul Ronaldo", "msg": ""}]}}',
    );
  });

  it('stores message text with its leading space and the trailing " \\r\\n", entries with full names', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('henderson');
    expect(await exchange(client, `send ${token} messi hello there \r\n`)).toBe(SENT_BYTES);
    expect(await exchange(client, `send ${token} messi dua  spasi\r\n`)).toBe(SENT_BYTES);
    const messi = await s.as('messi');
    expect(await exchange(messi.client, `inbox ${messi.token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"henderson": [{"msg_from": "Jordan Henderson", "msg_to": "Lionel Messi", "msg": " hello there \\r\\n"}, {"msg_from": "Jordan Henderson", "msg_to": "Lionel Messi", "msg": " dua  spasi\\r\\n"}]}}',
    );
  });

  it('keeps the keys of drained senders, with []', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `send ${token} messi hai \r\n`)).toBe(SENT_BYTES);
    await exchange(client, `inbox ${token} \r\n`);
    expect(await exchange(client, `inbox ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"messi": []}}',
    );
  });

  it('is case-sensitive about verbs, and takes an empty line as an unknown command', async () => {
    const s = await profiled(PROFILE);
    const c = await s.open();
    expect(await exchange(c, 'AUTH messi surabaya \r\n')).toBe(UNKNOWN_COMMAND_BYTES);
    expect(await exchange(c, 'Auth messi surabaya \r\n')).toBe(UNKNOWN_COMMAND_BYTES);
    expect(await exchange(c, '\r\n')).toBe(UNKNOWN_COMMAND_BYTES);
    expect(await exchange(c, ' \r\n')).toBe(UNKNOWN_COMMAND_BYTES);
  });

  it('escapes non-ASCII text as json.dumps does', async () => {
    const s = await profiled(PROFILE);
    const { client, token } = await s.as('messi');
    expect(await exchange(client, `send ${token} messi café \r\n`)).toBe(SENT_BYTES);
    expect(await exchange(client, `inbox ${token} \r\n`)).toBe(
      '{"status": "OK", "messages": {"messi": [{"msg_from": "Lionel Messi", "msg_to": "Lionel Messi", "msg": " caf\\u00e9 \\r\\n"}]}}',
    );
  });
});
