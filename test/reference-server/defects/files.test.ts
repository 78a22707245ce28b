import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../specs/index.js';
import { FILE_SENT, defective } from './support.js';

describe('file-padding-lost', () => {
  it('returns base64 without its "=" padding', async () => {
    const s = await defective(['file-padding-lost']);
    const messi = await s.as('messi');
    await messi.client.request(`send_file ${messi.token} messi a.bin AAEC/w== \r\n`);
    await messi.client.request(`send_file ${messi.token} messi b.bin QUJD \r\n`);
    expect(
      await messi.client.request(`download_file ${messi.token} messi a.bin \r\n`),
    ).toMatchObject({ data: 'AAEC/w' });
    expect(
      await messi.client.request(`download_file ${messi.token} messi b.bin \r\n`),
    ).toMatchObject({ data: 'QUJD' });
  });
});

describe('file-decoded-as-text', () => {
  it('corrupts binary content and keeps plain text intact', async () => {
    const s = await defective(['file-decoded-as-text']);
    const messi = await s.as('messi');
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41]);
    const text = Buffer.from('halo dunia\n');
    await messi.client.request(
      `send_file ${messi.token} messi a.bin ${binary.toString('base64')} \r\n`,
    );
    await messi.client.request(
      `send_file ${messi.token} messi b.txt ${text.toString('base64')} \r\n`,
    );
    const a = await messi.client.request(`download_file ${messi.token} messi a.bin \r\n`);
    const b = await messi.client.request(`download_file ${messi.token} messi b.txt \r\n`);
    expect(Buffer.from(a.data as string, 'base64').equals(binary)).toBe(false);
    expect(Buffer.from(b.data as string, 'base64').equals(text)).toBe(true);
  });
});

describe('download-any-owner', () => {
  it("lets a user download a file from another user's repository", async () => {
    const s = await defective(['download-any-owner']);
    const messi = await s.as('messi');
    const aul = await s.as('aul');
    expect(
      await messi.client.request(`send_file ${messi.token} henderson rahasia.txt QUJD \r\n`),
    ).toEqual(FILE_SENT);
    expect(
      await aul.client.request(`download_file ${aul.token} messi rahasia.txt \r\n`),
    ).toMatchObject({
      status: 'OK',
      data: 'QUJD',
    });
    expect(await aul.client.request(`download_file ${aul.token} messi tidak-ada.txt \r\n`)).toEqual(
      {
        status: 'ERROR',
        message: ERROR_TEXTS.FILE_NOT_FOUND,
      },
    );
  });
});

describe('sender-keeps-no-copy', () => {
  it("keeps the recipient's copy only", async () => {
    const s = await defective(['sender-keeps-no-copy']);
    const messi = await s.as('messi');
    const aul = await s.as('aul');
    await messi.client.request(`send_file ${messi.token} aul f.txt QUJD \r\n`);
    expect(await messi.client.request(`my_file ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
    expect(await aul.client.request(`my_file ${aul.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: ['f.txt'] },
    });
    expect(s.server.state.storedFileBytes).toBe(4);
  });
});
