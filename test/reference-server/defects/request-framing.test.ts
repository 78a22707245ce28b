import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../specs/index.js';
import { sleep } from '../support/wire.js';
import { SENT, defective, texts } from './support.js';

describe('requires-crlf', () => {
  it('never answers a request ended by a bare LF, but answers one ended by CRLF', async () => {
    const s = await defective(['requires-crlf']);
    const c = await s.open();
    expect(await c.sendThenSilent('auth messi surabaya\n', 200)).toBe(true);
    const d = await s.open();
    expect(await d.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
  });
});

describe('first-request-only', () => {
  it('answers only the first of three requests in one packet, and later packets normally', async () => {
    const s = await defective(['first-request-only']);
    const c = await s.open();
    await c.send('auth messi surabaya \r\nauth aul sby \r\nhapus \r\n');
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    expect(await c.staysSilent(200)).toBe(true);
    expect(c.queuedReplies).toBe(0);
    expect(await c.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
  });
});

describe('no-reassembly', () => {
  it('answers each piece of a split request as a request of its own', async () => {
    const s = await defective(['no-reassembly']);
    const c = await s.open();
    for (const piece of ['auth mes', 'si surab', 'aya \r\n']) {
      await c.send(piece);
      await sleep(40);
    }
    const replies = [await c.reply(), await c.reply(), await c.reply()];
    expect(replies).toEqual([
      { status: 'ERROR', message: ERROR_TEXTS.MISSING_PARAMS },
      { status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND },
      { status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND },
    ]);
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
  });
});

describe('utf8-per-packet', () => {
  it('mangles a character split across packets, and keeps one that arrives whole', async () => {
    const s = await defective(['utf8-per-packet']);
    const { client, token } = await s.as('messi');
    const bytes = Buffer.from(`send ${token} messi ayo 😀 \r\n`);
    const at = bytes.indexOf(Buffer.from('😀')) + 2;
    await client.send(bytes.subarray(0, at));
    await sleep(40);
    await client.send(bytes.subarray(at));
    expect(await client.reply()).toEqual(SENT);
    expect(await client.request(`send ${token} messi utuh 😀 \r\n`)).toEqual(SENT);
    const inbox = await client.request(`inbox ${token} \r\n`);
    const [split, whole] = texts(inbox, 'messi');
    expect(split).not.toContain('😀');
    expect(split).toContain('\ufffd');
    expect(whole).toBe('utuh 😀');
  });
});

describe('needs-trailing-space', () => {
  it('fails lookups when the client sends no space before the line end', async () => {
    const s = await defective(['needs-trailing-space']);
    const c = await s.open();
    expect(await c.request('auth messi surabaya\r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.AUTH_WRONG_PASSWORD,
    });
    const ok = await c.request('auth messi surabaya \r\n');
    expect(ok).toMatchObject({ status: 'OK' });
    const token = ok.tokenid as string;
    expect(await c.request(`inbox ${token}\r\n`)).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_SESSION,
    });
    expect(await c.request(`inbox ${token} \r\n`)).toEqual({ status: 'OK', messages: {} });
    // Free text is compared trimmed, so a send without the space still works.
    expect(await c.request(`send ${token} aul hai\r\n`)).toEqual(SENT);
  });
});

describe('template-read-loop', () => {
  it('never answers a bare LF, and glues its bytes to the next request', async () => {
    const s = await defective(['template-read-loop']);
    const c = await s.open();
    expect(await c.sendThenSilent('auth messi surabaya\n', 200)).toBe(true);
    // The buffer is now "auth messi surabaya\nauth messi surabaya \r\n": one request.
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
    expect(await c.staysSilent(100)).toBe(true);
  });

  it('runs only the first of requests in one read, the rest becoming its tokens', async () => {
    const s = await defective(['template-read-loop']);
    const c = await s.open();
    // 31 bytes: one read.
    await c.send('auth aul sby \r\ninbox x \r\nzz \r\n');
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    expect(await c.staysSilent(150)).toBe(true);
  });

  it('answers both requests when a read ends right after the first CRLF', async () => {
    const s = await defective(['template-read-loop']);
    const c = await s.open();
    const first = `${'auth messi surabaya'.padEnd(30)}\r\n`; // the first read ends on its CRLF
    expect(Buffer.byteLength(first)).toBe(32);
    await c.send(`${first}auth aul sby \r\n`);
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    expect(await c.reply()).toMatchObject({ status: 'OK' });
  });

  it('goes silent for good when a character straddles a 32-byte read; other connections still work', async () => {
    const s = await defective(['template-read-loop']);
    const { client, token } = await s.as('messi');
    const prefix = `send ${token} aul `; // 5 + 36 + 5 = 46 bytes: the emoji starts at byte 46
    const line = Buffer.from(`${prefix}${'x'.repeat(64 - 46 - 2)}😀 \r\n`);
    expect(line.indexOf(Buffer.from('😀'))).toBe(62); // bytes 62-65: reads 2 and 3 share it
    expect(await client.sendThenSilent(line, 200)).toBe(true);
    expect(await client.sendThenSilent(`inbox ${token} \r\n`, 200)).toBe(true);
    expect(client.closed).toBe(false);
    const other = await s.as('aul');
    expect(await other.client.request(`inbox ${other.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });

  it('carries a character that arrives inside one read', async () => {
    const s = await defective(['template-read-loop']);
    const { client, token } = await s.as('messi');
    const line = `send ${token} messi 😀 \r\n`; // the emoji at bytes 48-51: inside read 2
    expect(await client.request(line)).toEqual(SENT);
    expect(texts(await client.request(`inbox ${token} \r\n`), 'messi')).toEqual(['😀']);
  });

  it("refuses a line without end past the server's limit instead of buffering it", async () => {
    const s = await defective(['template-read-loop'], { maxLineBytes: 1024 });
    const c = await s.open();
    await c.send(`send x y ${'a'.repeat(2000)}`);
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG });
    await c.waitClosed();
  });
});
