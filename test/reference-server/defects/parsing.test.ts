import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../specs/index.js';
import { FILE_SENT, SENT, defective, texts } from './support.js';

describe('splits-on-single-spaces', () => {
  it('keeps the leading space and the " \\r\\n" token in a message, and accepts one without text', async () => {
    const s = await defective(['splits-on-single-spaces']);
    const { client, token } = await s.as('messi');
    expect(await client.request(`send ${token} aul hello there \r\n`)).toEqual(SENT);
    expect(await client.request(`send ${token} aul \r\n`)).toEqual(SENT);
    expect(await client.request(`send ${token} aul\r\n`)).toEqual(SENT);
    const aul = await s.as('aul');
    expect(texts(await aul.client.request(`inbox ${aul.token} \r\n`), 'messi')).toEqual([
      ' hello there \r\n',
      ' \r\n',
      '',
    ]);
  });

  it("makes an empty param of the client's space before CRLF, and of a doubled space", async () => {
    const s = await defective(['splits-on-single-spaces']);
    const c = await s.open();
    expect(await c.request('auth messi \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.AUTH_WRONG_PASSWORD,
    });
    expect(await c.request('auth messi\r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.MISSING_PARAMS,
    });
    expect(await c.request('auth  messi surabaya \r\n')).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.AUTH_UNKNOWN_USER,
    });
    expect(await c.request('auth messi surabaya\r\n')).toMatchObject({ status: 'OK' });
  });

  it('compares the verb exactly: upper case, a leading space, a tab and an empty line are unknown', async () => {
    const s = await defective(['splits-on-single-spaces']);
    const c = await s.open();
    const unknown = { status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND };
    for (const line of [
      'AUTH messi surabaya \r\n',
      ' auth messi surabaya \r\n',
      'auth\tmessi\tsurabaya\r\n',
      '\r\n',
    ]) {
      expect(await c.request(line), JSON.stringify(line)).toEqual(unknown);
    }
  });
});

describe('file-payload-from-tokens', () => {
  it('stores the payload after a space with the trailing space, and drops it without', async () => {
    const s = await defective(['file-payload-from-tokens']);
    const { client, token } = await s.as('messi');
    expect(await client.request(`send_file ${token} aul a.txt QUJD \r\n`)).toEqual(FILE_SENT);
    expect(await client.request(`send_file ${token} aul b.txt QUJD\r\n`)).toEqual(FILE_SENT);
    expect(await client.request(`send_group_file ${token} group1 c.txt QUJD\r\n`)).toEqual(
      FILE_SENT,
    );
    const aul = await s.as('aul');
    expect(await aul.client.request(`download_file ${aul.token} messi a.txt \r\n`)).toEqual({
      status: 'OK',
      messages: 'Downloaded a.txt',
      filename: 'a.txt',
      data: ' QUJD',
    });
    expect(await aul.client.request(`download_file ${aul.token} messi b.txt \r\n`)).toMatchObject({
      status: 'OK',
      data: '',
    });
    expect(await client.request(`download_file ${token} group1 c.txt \r\n`)).toMatchObject({
      status: 'OK',
      data: '',
    });
  });
});
