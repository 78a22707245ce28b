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
