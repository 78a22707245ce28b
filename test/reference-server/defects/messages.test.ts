import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../specs/index.js';
import { SENT, defective, texts } from './support.js';

describe('inbox-not-emptied', () => {
  it('returns the same messages on every read', async () => {
    const s = await defective(['inbox-not-emptied']);
    const messi = await s.as('messi');
    const aul = await s.as('aul');
    expect(await messi.client.request(`send ${messi.token} aul satu \r\n`)).toEqual(SENT);
    expect(texts(await aul.client.request(`inbox ${aul.token} \r\n`), 'messi')).toEqual(['satu']);
    expect(texts(await aul.client.request(`inbox ${aul.token} \r\n`), 'messi')).toEqual(['satu']);
    await messi.client.request(`send ${messi.token} aul dua \r\n`);
    expect(texts(await aul.client.request(`inbox ${aul.token} \r\n`), 'messi')).toEqual([
      'satu',
      'dua',
    ]);
  });
});

describe('inbox-repeats-messages', () => {
  it('lists every message twice, and still empties the inbox', async () => {
    const s = await defective(['inbox-repeats-messages']);
    const messi = await s.as('messi');
    await messi.client.request(`send ${messi.token} messi satu \r\n`);
    await messi.client.request(`send ${messi.token} messi dua \r\n`);
    expect(texts(await messi.client.request(`inbox ${messi.token} \r\n`), 'messi')).toEqual([
      'satu',
      'satu',
      'dua',
      'dua',
    ]);
    expect(await messi.client.request(`inbox ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
  });
});

describe('drops-every-nth-message', () => {
  it('answers Message Sent to every send but delivers only those not at a multiple of N', async () => {
    const s = await defective(['drops-every-nth-message=2']);
    const messi = await s.as('messi');
    for (const t of ['m1', 'm2', 'm3', 'm4', 'm5']) {
      expect(await messi.client.request(`send ${messi.token} messi ${t} \r\n`)).toEqual(SENT);
    }
    expect(texts(await messi.client.request(`inbox ${messi.token} \r\n`), 'messi')).toEqual([
      'm1',
      'm3',
      'm5',
    ]);
  });

  it('drops every third message by default', async () => {
    const s = await defective(['drops-every-nth-message']);
    const messi = await s.as('messi');
    for (const t of ['m1', 'm2', 'm3'])
      await messi.client.request(`send ${messi.token} messi ${t} \r\n`);
    expect(texts(await messi.client.request(`inbox ${messi.token} \r\n`), 'messi')).toEqual([
      'm1',
      'm2',
    ]);
    expect(s.server.state.inboxCounts.has('messi')).toBe(false);
  });
});

describe('newest-message-first', () => {
  it("lists one sender's messages newest first", async () => {
    const s = await defective(['newest-message-first']);
    const messi = await s.as('messi');
    const aul = await s.as('aul');
    for (const t of ['a', 'b', 'c'])
      await messi.client.request(`send ${messi.token} aul ${t} \r\n`);
    expect(texts(await aul.client.request(`inbox ${aul.token} \r\n`), 'messi')).toEqual([
      'c',
      'b',
      'a',
    ]);
  });
});

describe('message-first-word-only', () => {
  it('keeps only the first word of personal and group messages', async () => {
    const s = await defective(['message-first-word-only']);
    const messi = await s.as('messi');
    await messi.client.request(`send ${messi.token} messi halo apa kabar \r\n`);
    await messi.client.request(`send_group ${messi.token} group1 selamat pagi semua \r\n`);
    const inbox = await messi.client.request(`inbox ${messi.token} \r\n`);
    expect(texts(inbox, 'messi')).toEqual(['halo']);
    expect(texts(inbox, 'group1')).toEqual(['selamat']);
  });
});

describe('inbox-keyed-by-full-name', () => {
  it("keys personal messages by the sender's full name, group messages still by group id", async () => {
    const s = await defective(['inbox-keyed-by-full-name']);
    const messi = await s.as('messi');
    await messi.client.request(`send ${messi.token} messi hai \r\n`);
    await messi.client.request(`send_group ${messi.token} group1 hai grup \r\n`);
    const inbox = await messi.client.request(`inbox ${messi.token} \r\n`);
    expect(Object.keys(inbox.messages as object).sort()).toEqual(['Lionel Messi', 'group1']);
  });
});

describe('send-unknown-user-accepted', () => {
  it('answers Message Sent to an unknown user; known users still get their messages', async () => {
    const s = await defective(['send-unknown-user-accepted']);
    const messi = await s.as('messi');
    expect(await messi.client.request(`send ${messi.token} ronaldo hai \r\n`)).toEqual(SENT);
    expect(await messi.client.request(`send_file ${messi.token} ronaldo f QUJD \r\n`)).toEqual({
      status: 'ERROR',
      message: ERROR_TEXTS.UNKNOWN_USER,
    });
    await messi.client.request(`send ${messi.token} messi ada \r\n`);
    expect(texts(await messi.client.request(`inbox ${messi.token} \r\n`), 'messi')).toEqual([
      'ada',
    ]);
  });
});

describe('inbox-keeps-drained-keys', () => {
  it('lists a drained sender with [] on every later read, in first-seen order', async () => {
    const s = await defective(['inbox-keeps-drained-keys']);
    const messi = await s.as('messi');
    const henderson = await s.as('henderson');
    const aul = await s.as('aul');
    expect(await aul.client.request(`inbox ${aul.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {},
    });
    expect(await messi.client.request(`send ${messi.token} aul satu \r\n`)).toEqual(SENT);
    expect(texts(await aul.client.request(`inbox ${aul.token} \r\n`), 'messi')).toEqual(['satu']);
    expect(await aul.client.request(`inbox ${aul.token} \r\n`)).toEqual({
      status: 'OK',
      messages: { messi: [] },
    });
    expect(await henderson.client.request(`send ${henderson.token} aul dua \r\n`)).toEqual(SENT);
    expect(await messi.client.request(`send ${messi.token} aul tiga \r\n`)).toEqual(SENT);
    const reply = await aul.client.request(`inbox ${aul.token} \r\n`);
    expect(Object.keys(reply.messages as object)).toEqual(['messi', 'henderson']);
    expect(texts(reply, 'messi')).toEqual(['tiga']);
    expect(texts(reply, 'henderson')).toEqual(['dua']);
  });
});

describe('personal-messages-as-strings', () => {
  it('lists personal messages as their text and group messages as objects', async () => {
    const s = await defective(['personal-messages-as-strings']);
    const messi = await s.as('messi');
    expect(await messi.client.request(`send ${messi.token} messi pribadi \r\n`)).toEqual(SENT);
    expect(await messi.client.request(`send_group ${messi.token} group1 grup \r\n`)).toEqual(SENT);
    expect(await messi.client.request(`inbox ${messi.token} \r\n`)).toEqual({
      status: 'OK',
      messages: {
        messi: ['pribadi'],
        group1: [{ msg_from: 'Lionel Messi', msg_to: 'Lionel Messi', msg: 'grup' }],
      },
    });
  });
});
