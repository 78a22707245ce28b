/** Framing over real TCP: pieces, pipelining, line ends, UTF-8, over-long lines. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { WireClient, login } from './support/wire.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_LINE = 1024;

let server: RunningServer;
const clients: WireClient[] = [];

beforeEach(async () => {
  server = await startServer({ port: 0, maxLineBytes: MAX_LINE });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

async function open(): Promise<WireClient> {
  const c = await WireClient.open(server.port);
  clients.push(c);
  return c;
}

describe('framing', () => {
  it('reassembles a request sent one byte at a time and answers it once', async () => {
    const c = await open();
    await c.sendInPieces('auth messi surabaya \r\n', 1);
    expect(await c.reply()).toEqual({ status: 'OK', tokenid: expect.stringMatching(UUID_V4) });
    expect(await c.staysSilent(100)).toBe(true);
    expect(c.queuedReplies).toBe(0);
  });

  it('answers several requests from one write, in order', async () => {
    const c = await open();
    await c.send(
      'auth messi surabaya \r\nhapus\r\nauth messi salah \r\ninbox nope \r\nauth aul sby \r\n',
    );
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND });
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.AUTH_WRONG_PASSWORD });
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_SESSION });
    expect(await c.reply()).toMatchObject({ status: 'OK' });
  });

  it('answers 50 pipelined sends arriving in odd-sized pieces, delivering them in order', async () => {
    const sender = await open();
    const token = await login(sender, 'messi', 'surabaya');
    const lines = Array.from({ length: 50 }, (_, i) => `send ${token} aul pesan ${i} \r\n`).join(
      '',
    );
    await sender.sendInPieces(lines, 61, 0);
    for (let i = 0; i < 50; i++)
      expect(await sender.reply()).toEqual({ status: 'OK', message: 'Message Sent' });
    const reader = await open();
    const aul = await login(reader, 'aul', 'sby');
    const inbox = await reader.request(`inbox ${aul} \r\n`);
    const texts = (inbox.messages as Record<string, Array<{ msg: string }>>).messi!.map(
      (e) => e.msg,
    );
    expect(texts).toEqual(Array.from({ length: 50 }, (_, i) => `pesan ${i}`));
  });

  it.each([
    ['CRLF with the course client space', 'auth messi surabaya \r\n'],
    ['CRLF without the space', 'auth messi surabaya\r\n'],
    ['a bare LF', 'auth messi surabaya\n'],
    ['a bare LF after a space', 'auth messi surabaya \n'],
    ['tabs and runs of spaces', 'auth\tmessi   surabaya \r\n'],
  ])('accepts %s', async (_what, line) => {
    const c = await open();
    expect(await c.request(line)).toEqual({
      status: 'OK',
      tokenid: expect.stringMatching(UUID_V4),
    });
  });

  it('carries UTF-8 text intact when a character is split across packets', async () => {
    const c = await open();
    const token = await login(c, 'messi', 'surabaya');
    const text = 'héllo 😀 dünya';
    const bytes = Buffer.from(`send ${token} messi ${text} \r\n`);
    const emojiAt = bytes.indexOf(Buffer.from('😀'));
    await c.send(bytes.subarray(0, emojiAt + 2));
    await new Promise((r) => setTimeout(r, 20));
    await c.send(bytes.subarray(emojiAt + 2));
    expect(await c.reply()).toEqual({ status: 'OK', message: 'Message Sent' });
    expect(await c.request(`inbox ${token} \r\n`)).toMatchObject({
      messages: { messi: [{ msg: text }] },
    });
  });

  it('answers a line of exactly the limit normally', async () => {
    const c = await open();
    const token = await login(c, 'messi', 'surabaya');
    const head = `send ${token} messi `;
    const line = head + 'x'.repeat(MAX_LINE - head.length);
    expect(Buffer.byteLength(line)).toBe(MAX_LINE);
    expect(await c.request(`${line}\r\n`)).toEqual({ status: 'OK', message: 'Message Sent' });
  });

  it('refuses a line one byte over the limit with Request Terlalu Panjang and closes, after answering earlier lines', async () => {
    const c = await open();
    await c.send(`auth messi surabaya \r\n${'x'.repeat(MAX_LINE + 1)}\r\n`);
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG });
    await c.waitClosed();
    expect(c.queuedReplies).toBe(0);
  });

  it('refuses a line that never ends as soon as it passes the limit, and keeps serving others', async () => {
    const c = await open();
    await c.send('y'.repeat(MAX_LINE * 4));
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG });
    await c.waitClosed();
    const other = await open();
    expect(await other.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
  });

  it('survives garbage, a client that vanishes mid-request, and a reset, then serves new connections (FRAME-11)', async () => {
    const garbage = await open();
    await garbage.send(Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0xc3, 0x28, 0x0d, 0x0a]));
    expect(await garbage.reply()).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_COMMAND,
    });
    expect(await garbage.reply()).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_COMMAND,
    });
    const vanishing = await open();
    await vanishing.send('auth messi sura');
    vanishing.close();
    const reset = await open();
    await reset.send('send_file x y z ');
    reset.socket.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 20));
    const fresh = await open();
    expect(await fresh.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
  });
});
