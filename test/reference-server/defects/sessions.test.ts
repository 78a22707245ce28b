import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../specs/index.js';
import { SENT, defective, texts } from './support.js';

describe('any-token-accepted', () => {
  it('acts on an unknown session as the user who logged in last', async () => {
    const s = await defective(['any-token-accepted']);
    const anon = await s.open();
    expect(await anon.request('inbox bogus \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_SESSION,
    });
    await s.as('aul');
    const messi = await s.as('messi');
    expect(await anon.request('send bogus henderson menyamar \r\n')).toEqual(SENT);
    const henderson = await s.as('henderson');
    // The last login is now henderson; the forged message went out as messi.
    expect(texts(await henderson.client.request(`inbox ${henderson.token} \r\n`), 'messi')).toEqual(
      ['menyamar'],
    );
    expect(await messi.client.request(`inbox ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });
});

describe('wrong-password-accepted', () => {
  it('logs in a known user with any password; an unknown user is still refused', async () => {
    const s = await defective(['wrong-password-accepted']);
    const c = await s.open();
    expect(await c.request('auth messi salah \r\n')).toMatchObject({ status: 'OK' });
    expect(await c.request('auth ronaldo salah \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.AUTH_UNKNOWN_USER,
    });
  });
});

describe('predictable-tokens', () => {
  it('hands out 1, 2, 3 as session ids, which work', async () => {
    const s = await defective(['predictable-tokens']);
    const c = await s.open();
    expect(await c.request('auth messi surabaya \r\n')).toEqual({ status: 'OK', tokenid: '1' });
    expect(await c.request('auth aul sby \r\n')).toEqual({ status: 'OK', tokenid: '2' });
    expect(await c.request('send 1 aul tebak \r\n')).toEqual(SENT);
    expect(texts(await c.request('inbox 2 \r\n'), 'messi')).toEqual(['tebak']);
  });
});

describe('reused-token', () => {
  it('gives a user the same session id at every login, other users their own', async () => {
    const s = await defective(['reused-token']);
    const c = await s.open();
    const first = await c.request('auth messi surabaya \r\n');
    const second = await c.request('auth messi surabaya \r\n');
    const other = await c.request('auth aul sby \r\n');
    expect(second.tokenid).toBe(first.tokenid);
    expect(other.tokenid).not.toBe(first.tokenid);
    expect(s.server.state.sessions.size).toBe(2);
  });
});

describe('login-ends-other-sessions', () => {
  it("invalidates a user's earlier session on a new login, leaving other users alone", async () => {
    const s = await defective(['login-ends-other-sessions']);
    const first = await s.as('messi');
    const aul = await s.as('aul');
    const second = await s.as('messi');
    expect(await first.client.request(`inbox ${first.token} \r\n`)).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_SESSION,
    });
    expect(await second.client.request(`inbox ${second.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
    expect(await aul.client.request(`inbox ${aul.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });
});

describe('unknown-session-closes', () => {
  it('closes the connection without a reply on an unknown session; other errors are answered', async () => {
    const s = await defective(['unknown-session-closes']);
    const c = await s.open();
    expect(await c.request('auth ronaldo x \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.AUTH_UNKNOWN_USER,
    });
    const before = c.receivedBytes;
    await c.send('inbox bogus \r\n');
    await c.waitClosed();
    expect(c.receivedBytes).toBe(before);
    const { client, token } = await s.as('messi');
    expect(await client.request(`inbox ${token} \r\n`)).toEqual({ status: 'OK', messages: {} });
  });
});
