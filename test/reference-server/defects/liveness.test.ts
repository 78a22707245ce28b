import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../specs/index.js';
import { WireClient } from '../support/wire.js';
import { defective } from './support.js';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('hangs-on-unknown-command', () => {
  it('never answers an unknown command nor anything after it, and close() still ends it', async () => {
    const s = await defective(['hangs-on-unknown-command']);
    const c = await s.open();
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
    expect(await c.sendThenSilent('hapus \r\nauth messi surabaya \r\n', 200)).toBe(true);
    const other = await s.open();
    expect(await other.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
    await s.server.close();
    await c.waitClosed();
  });
});

describe('slow-replies', () => {
  it('answers correctly, but only after the delay, in order', async () => {
    const s = await defective(['slow-replies=300']);
    const c = await s.open();
    // Timers never fire early, so silence for most of the delay is certain.
    expect(await c.sendThenSilent('auth messi surabaya \r\nauth messi x \r\n', 150)).toBe(true);
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    expect(await c.reply()).toEqual({ status: 'ERROR', message: ERROR_TEXTS.AUTH_WRONG_PASSWORD });
  });

  it('can be closed while replies are still waiting out the default delay', async () => {
    const s = await defective(['slow-replies']);
    const c = await s.open();
    expect(await c.sendThenSilent('auth messi surabaya \r\n', 100)).toBe(true);
    await s.server.close();
    await c.waitClosed();
    expect(c.receivedBytes).toBe(0);
  });
});

describe('crashes-after-requests', () => {
  it('answers N requests, then stops listening and drops every connection, without ending the process', async () => {
    const s = await defective(['crashes-after-requests=3']);
    const a = await s.open();
    const b = await s.open();
    expect(await a.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
    expect(await b.request('auth aul sby \r\n')).toMatchObject({ status: 'OK' });
    expect(await a.request('auth kinas sby \r\n')).toMatchObject({ status: 'OK' });
    await a.send('auth rimas sby \r\n');
    await a.waitClosed();
    await b.waitClosed();
    expect(a.queuedReplies).toBe(0);
    expect(await refused(s.server.port)).toBe(true);
    await s.server.close(); // still resolves after the crash
  });

  it('crashes at the 26th request by default', async () => {
    const s = await defective(['crashes-after-requests']);
    const c = await s.open();
    for (let i = 0; i < 25; i++)
      expect((await c.request('auth messi surabaya \r\n')).status).toBe('OK');
    await c.send('auth messi surabaya \r\n');
    await c.waitClosed();
    await expect(WireClient.open(s.server.port)).rejects.toThrow();
  });
});

describe('missing-send-group-file', () => {
  it('answers send_group_file as an unknown command, with or without its params', async () => {
    const s = await defective(['missing-send-group-file']);
    const { client, token } = await s.as('messi');
    const unknown = { status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND };
    expect(await client.request(`send_group_file ${token} group1 f QUJD \r\n`)).toEqual(unknown);
    expect(await client.request('send_group_file \r\n')).toEqual(unknown);
    expect(await client.request(`send_group ${token} group1 hai \r\n`)).toMatchObject({
      status: 'OK',
    });
    expect(await client.request(`send_file ${token} aul f QUJD \r\n`)).toMatchObject({
      status: 'OK',
    });
  });
});

describe('closes-after-reply', () => {
  it('answers one request and closes, dropping a second one sent with it', async () => {
    const s = await defective(['closes-after-reply']);
    const c = await s.open();
    await c.send('auth messi surabaya \r\nauth aul sby \r\n');
    expect(await c.reply()).toMatchObject({ status: 'OK' });
    await c.waitClosed();
    expect(c.queuedReplies).toBe(0);
  });
});

describe('closes-on-missing-params', () => {
  it('closes without a reply when params are missing; other errors are answered', async () => {
    const s = await defective(['closes-on-missing-params']);
    const c = await s.open();
    expect(await c.request('hapus \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_COMMAND,
    });
    const before = c.receivedBytes;
    await c.send('auth messi \r\n');
    await c.waitClosed();
    expect(c.receivedBytes).toBe(before);
  });
});

describe('only-auth-send-inbox', () => {
  it('answers every command but auth, send and inbox as unknown, with or without params', async () => {
    const s = await defective(['only-auth-send-inbox']);
    const { client, token } = await s.as('messi');
    const unknown = { status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND };
    for (const line of [
      `my_file ${token} \r\n`,
      `download_file ${token} aul a.txt \r\n`,
      `send_file ${token} aul a.txt QUJD \r\n`,
      `send_group ${token} group1 hai \r\n`,
      `send_group_file ${token} group1 a.txt QUJD \r\n`,
      'my_file \r\n',
    ]) {
      expect(await client.request(line), line).toEqual(unknown);
    }
    expect(await client.request(`send ${token} aul hai \r\n`)).toMatchObject({ status: 'OK' });
    expect(await client.request(`inbox ${token} \r\n`)).toEqual({ status: 'OK', messages: {} });
  });
});
