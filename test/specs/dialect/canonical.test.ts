import { describe, expect, it } from 'vitest';
import { canonicalDialect as d } from '../../../specs/index.js';

describe('canonical dialect: requests', () => {
  it('formats requests as the course client does', () => {
    expect(d.name).toBe('canonical');
    expect(d.formatRequest({ command: 'INBOX', session: 's1' })).toBe('inbox s1 \r\n');
    expect(
      d.formatRequest({ command: 'MY_FILE', session: 's1' }, { trailingSpace: false, eol: '\n' }),
    ).toBe('my_file s1\n');
  });
});

describe('canonical dialect: reading replies', () => {
  it('reads the status, and names a bad one', () => {
    expect(d.readStatus({ status: 'OK' })).toEqual({ ok: true, value: 'OK' });
    expect(d.readStatus({ status: 'ERROR' })).toEqual({ ok: true, value: 'ERROR' });
    expect(d.readStatus({ status: 'ok' })).toEqual({
      ok: false,
      reason: '"status" is "ok", not "OK" or "ERROR"',
    });
    expect(d.readStatus({})).toEqual({
      ok: false,
      reason: '"status" is missing, not "OK" or "ERROR"',
    });
    expect(d.readStatus({ status: 1 })).toEqual({
      ok: false,
      reason: '"status" is a number, not "OK" or "ERROR"',
    });
  });

  it('reads error and success texts from "message"', () => {
    expect(d.readErrorText({ status: 'ERROR', message: 'User Tidak Ada' })).toEqual({
      ok: true,
      value: 'User Tidak Ada',
    });
    expect(d.readErrorText({ status: 'ERROR', data: 'User Tidak Ada' })).toEqual({
      ok: false,
      reason: '"message" is missing, not a string',
    });
    expect(d.readOkText({ status: 'OK', message: 'Message Sent' })).toEqual({
      ok: true,
      value: 'Message Sent',
    });
    expect(d.readOkText({ status: 'OK', message: null })).toEqual({
      ok: false,
      reason: '"message" is null, not a string',
    });
  });

  it('reads a token, trimmed, and refuses an empty or missing one', () => {
    expect(d.readToken({ tokenid: ' abc ' })).toEqual({ ok: true, value: 'abc' });
    expect(d.readToken({ tokenid: '  ' })).toEqual({ ok: false, reason: '"tokenid" is empty' });
    expect(d.readToken({ tokenid: ['a'] })).toEqual({
      ok: false,
      reason: '"tokenid" is an array, not a string',
    });
    expect(d.readToken({})).toEqual({ ok: false, reason: '"tokenid" is missing, not a string' });
  });

  it('reads both inbox entry shapes, mixed, keeping order and keys', () => {
    const read = d.readInbox({
      status: 'OK',
      messages: {
        messi: ['hello', ' there \r\n'],
        group2: [{ msg_from: 'Lionel Messi', msg_to: 'Aul Ronaldo', msg: 'hai' }, { msg: 'bare' }],
      },
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect([...read.value.keys()]).toEqual(['messi', 'group2']);
    expect(read.value.get('messi')).toEqual([
      { text: 'hello', shape: 'string' },
      { text: ' there \r\n', shape: 'string' },
    ]);
    expect(read.value.get('group2')).toEqual([
      { text: 'hai', shape: 'object', from: 'Lionel Messi', to: 'Aul Ronaldo' },
      { text: 'bare', shape: 'object' },
    ]);
    expect(d.readInbox({ messages: {} })).toEqual({ ok: true, value: new Map() });
  });

  it.each([
    [{ status: 'OK' }, '"messages" is missing, not an object'],
    [{ messages: [] }, '"messages" is an array, not an object'],
    [{ messages: 'none' }, '"messages" is a string, not an object'],
    [{ messages: { messi: 'hi' } }, '"messages.messi" is a string, not an array'],
    [
      { messages: { messi: [1] } },
      '"messages.messi[0]" is neither a string nor an object with a string "msg"',
    ],
    [
      { messages: { messi: ['ok', { text: 'x' }] } },
      '"messages.messi[1]" is neither a string nor an object with a string "msg"',
    ],
    [
      { messages: { messi: [null] } },
      '"messages.messi[0]" is neither a string nor an object with a string "msg"',
    ],
  ])('gives a reason for a malformed inbox %j', (reply, reason) => {
    expect(d.readInbox(reply)).toEqual({ ok: false, reason });
  });

  it('reads a file list and refuses a malformed one', () => {
    const read = d.readFileList({ messages: { messi: ['a', 'b'], group1: [] } });
    expect(read).toEqual({
      ok: true,
      value: new Map([
        ['messi', ['a', 'b']],
        ['group1', []],
      ]),
    });
    expect(d.readFileList({ messages: { messi: 'a' } })).toEqual({
      ok: false,
      reason: '"messages.messi" is not an array of filenames',
    });
    expect(d.readFileList({ messages: { messi: ['a', 2] } })).toEqual({
      ok: false,
      reason: '"messages.messi" is not an array of filenames',
    });
    expect(d.readFileList({ messages: null })).toEqual({
      ok: false,
      reason: '"messages" is null, not an object',
    });
  });

  it('reads a download, trimming the data as the seed log needs, and names a missing field', () => {
    expect(
      d.readDownload({ status: 'OK', messages: 'Downloaded f', filename: 'f', data: ' QUJD' }),
    ).toEqual({
      ok: true,
      value: { filename: 'f', data: 'QUJD', text: 'Downloaded f' },
    });
    expect(d.readDownload({ filename: 'f', data: 'QUJD' })).toEqual({
      ok: true,
      value: { filename: 'f', data: 'QUJD' },
    });
    expect(d.readDownload({ data: 'QUJD' })).toEqual({
      ok: false,
      reason: '"filename" is missing, not a string',
    });
    expect(d.readDownload({ filename: 'f', data: 5 })).toEqual({
      ok: false,
      reason: '"data" is a number, not a string',
    });
  });

  it('is frozen, so no caller can change how others read replies', () => {
    expect(Object.isFrozen(d)).toBe(true);
  });
});
