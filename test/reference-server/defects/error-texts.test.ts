import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS, UNKNOWN_KEY_TEXT, isDocumentedErrorText } from '../../../specs/index.js';
import { defective } from './support.js';

describe('wrong-error-text', () => {
  it('keeps the ERROR status but says something undocumented', async () => {
    const s = await defective(['wrong-error-text']);
    const c = await s.open();
    const cases = [
      ['auth ronaldo x \r\n', 'AUTH_UNKNOWN_USER'],
      ['auth messi x \r\n', 'AUTH_WRONG_PASSWORD'],
      ['inbox bogus \r\n', 'UNKNOWN_SESSION'],
      ['hapus \r\n', 'UNKNOWN_COMMAND'],
      ['auth \r\n', 'MISSING_PARAMS'],
    ] as const;
    for (const [line, code] of cases) {
      const reply = await c.request(line);
      expect(reply.status).toBe('ERROR');
      expect(typeof reply.message).toBe('string');
      expect(isDocumentedErrorText(code, reply.message as string), line).toBe(false);
    }
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'OK' });
  });
});

describe('unknown-session-informasi', () => {
  it('answers an unknown session with Informasi tidak ditemukan, other errors as documented', async () => {
    const s = await defective(['unknown-session-informasi']);
    const c = await s.open();
    expect(await c.request('inbox bogus \r\n')).toEqual({
      status: 'ERROR',
      message: UNKNOWN_KEY_TEXT,
    });
    expect(await c.request('auth ronaldo x \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.AUTH_UNKNOWN_USER,
    });
  });
});

describe('error-text-in-data', () => {
  it('puts error texts in "data" and leaves OK replies alone', async () => {
    const s = await defective(['error-text-in-data']);
    const c = await s.open();
    expect(await c.request('auth ronaldo x \r\n')).toEqual({
      status: 'ERROR',
      data: ERROR_TEXTS.AUTH_UNKNOWN_USER,
    });
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({
      status: 'OK',
      tokenid: expect.any(String),
    });
  });
});

describe('lower-case-status', () => {
  it('spells the status in lower case, for OK and ERROR', async () => {
    const s = await defective(['lower-case-status']);
    const c = await s.open();
    expect(await c.request('auth messi surabaya \r\n')).toMatchObject({ status: 'ok' });
    expect(await c.request('auth messi x \r\n')).toEqual({
      status: 'error',
      message: ERROR_TEXTS.AUTH_WRONG_PASSWORD,
    });
  });
});

describe('course-english-errors', () => {
  it('answers each error with the English text course servers use, the status unchanged', async () => {
    const s = await defective(['course-english-errors']);
    const c = await s.open();
    const cases: Array<[string, string]> = [
      ['hapus \r\n', '**Incorrect Protocol'],
      ['auth \r\n', '--Incorrect Protocol'],
      ['auth nobody x \r\n', 'User not found'],
      ['auth messi x \r\n', 'Wrong password'],
      ['inbox 00000000-0000-4000-8000-000000000000 \r\n', 'Session not found'],
    ];
    for (const [line, message] of cases) {
      expect(await c.request(line), line).toEqual({ status: 'ERROR', message });
    }
    const token = (await c.request('auth messi surabaya \r\n')).tokenid as string;
    expect(await c.request(`send_group ${token} nogroup hai \r\n`)).toEqual({
      status: 'ERROR',
      message: 'Group Not Found',
    });
    expect(await c.request(`send ${token} aul hai \r\n`)).toMatchObject({ status: 'OK' });
  });
});
