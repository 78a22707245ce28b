/** The shared verifiers: one verdict, one reason, expected and actual, the same way everywhere. */
import { describe, expect, it } from 'vitest';
import { canonicalDialect } from '../../../../specs/index.js';
import { gradingFor } from '../../../../harness/conformance/verify/check.js';
import { verifyDownload } from '../../../../harness/conformance/verify/download.js';
import { verifyInbox } from '../../../../harness/conformance/verify/inbox.js';
import { subsetMismatch } from '../../../../harness/conformance/verify/json.js';
import { verifyStatus } from '../../../../harness/conformance/verify/status.js';
import type { Expect } from '../../../../harness/conformance/scenario/types.js';

const MUST = gradingFor('MUST', false);
const base: Expect = { status: 'OK', noExtraBytes: false, onTimeout: 'error', onClosed: 'error' };
const id = (t: string): string => t;

describe('verifyStatus', () => {
  it('a right status with another text is a text miss (NON-STRICT) that does not stop', () => {
    const [status, text] = verifyStatus(
      canonicalDialect,
      { status: 'ERROR', message: 'user tidak ditemukan!' },
      { ...base, status: 'ERROR', error: 'UNKNOWN_USER' },
      MUST,
      'SEND',
    );
    expect(status?.verdict).toBe('PASS');
    expect(text).toMatchObject({
      verdict: 'NON-STRICT',
      stop: false,
      expected: '"User Tidak Ditemukan"',
      actual: '"user tidak ditemukan!"',
    });
  });

  it('capitals do not matter in error texts', () => {
    const checks = verifyStatus(
      canonicalDialect,
      { status: 'ERROR', message: 'user tidak ditemukan' },
      { ...base, status: 'ERROR', error: 'UNKNOWN_USER' },
      MUST,
      'SEND',
    );
    expect(checks.map((c) => c.verdict)).toEqual(['PASS', 'PASS']);
  });

  it('the wrong status is graded by level, and a setup step turns it into ERROR', () => {
    const reply = { status: 'ERROR', message: 'Password Salah' };
    expect(verifyStatus(canonicalDialect, reply, base, MUST, 'AUTH')[0]).toMatchObject({
      verdict: 'FAIL',
      stop: true,
      expected: 'OK',
      actual: 'ERROR "Password Salah"',
    });
    expect(
      verifyStatus(canonicalDialect, reply, base, gradingFor('SHOULD', false), 'AUTH')[0]?.verdict,
    ).toBe('NON-STRICT');
    expect(
      verifyStatus(canonicalDialect, reply, base, gradingFor('MAY', false), 'AUTH')[0]?.verdict,
    ).toBe('INFORMATIONAL');
    const setup = verifyStatus(canonicalDialect, reply, base, gradingFor('MUST', true), 'AUTH')[0];
    expect(setup?.verdict).toBe('ERROR');
    expect(setup?.reason).toMatch(/^could not set up: /);
  });

  it('"**Protocol Tidak Benar" to a named command is UNIMPLEMENTED; to raw bytes it is not', () => {
    const reply = { status: 'ERROR', message: '**Protocol Tidak Benar' };
    expect(verifyStatus(canonicalDialect, reply, base, MUST, 'MY_FILE')[0]?.verdict).toBe(
      'UNIMPLEMENTED',
    );
    expect(verifyStatus(canonicalDialect, reply, base, MUST, undefined)[0]?.verdict).toBe('FAIL');
  });

  it('a reply without a valid status fails FRAME-2 shape', () => {
    expect(verifyStatus(canonicalDialect, { status: 'ok' }, base, MUST, 'AUTH')[0]).toMatchObject({
      verdict: 'FAIL',
      reason: 'the reply has no valid status: "status" is "ok", not "OK" or "ERROR"',
    });
  });
});

describe('verifyInbox', () => {
  const inbox = (messages: unknown) => ({ status: 'OK', messages });

  it('compares only tagged entries, trimmed, in order; both entry shapes count', () => {
    const checks = verifyInbox(
      canonicalDialect,
      inbox({ messi: ['old message', ' hi T1 \r\n', { msg: 'again T1' }] }),
      { from: 'messi', texts: ['hi T1', 'again T1'], exact: false },
      MUST,
      id,
      'T1',
    );
    expect(checks.map((c) => c.verdict)).toEqual(['PASS']);
  });

  it('names an order problem as such', () => {
    const [check] = verifyInbox(
      canonicalDialect,
      inbox({ messi: ['b T1', 'a T1'] }),
      { from: 'messi', texts: ['a T1', 'b T1'], exact: false },
      MUST,
      id,
      'T1',
    );
    expect(check).toMatchObject({
      verdict: 'FAIL',
      reason: 'the messages under "messi" arrived out of order',
    });
  });

  it('an entry of the wrong shape fails INBOX-3', () => {
    const [check] = verifyInbox(
      canonicalDialect,
      inbox({ messi: [42] }),
      { from: 'messi', texts: ['a T1'], exact: false },
      MUST,
      id,
      'T1',
    );
    expect(check?.verdict).toBe('FAIL');
    expect(check?.reason).toMatch(
      /wrong shape: "messages.messi\[0\]" is neither a string nor an object/,
    );
  });

  it('finds a leaked message under any key', () => {
    const [check] = verifyInbox(
      canonicalDialect,
      inbox({ group1: [{ msg: 'secret T1' }] }),
      { lacks: ['secret T1'], exact: false },
      MUST,
      id,
      'T1',
    );
    expect(check?.reason).toBe('a message reached an inbox it was not sent to (under "group1")');
  });
});

describe('verifyDownload', () => {
  const bytes = Buffer.from([0, 1, 2, 255]);
  const sent = { bytes, base64: bytes.toString('base64') };
  const reply = (data: string, extra: object = {}) => ({
    status: 'OK',
    messages: 'Downloaded f.bin',
    filename: 'f.bin',
    data,
    ...extra,
  });

  it("accepts the exact bytes (with the seed log's leading space) and checks the text", () => {
    const checks = verifyDownload(
      canonicalDialect,
      reply(` ${bytes.toString('base64')}`),
      'f.bin',
      sent,
      MUST,
    );
    expect(checks.map((c) => c.verdict)).toEqual(['PASS', 'PASS']);
  });

  it('names the first differing byte', () => {
    const other = Buffer.from([0, 1, 3, 255]).toString('base64');
    expect(verifyDownload(canonicalDialect, reply(other), 'f.bin', sent, MUST)[0]).toMatchObject({
      verdict: 'FAIL',
      reason: 'the data differs from the bytes sent, first at byte 2',
      actual: '4 bytes, byte 2 is 3 where 2 was sent',
    });
  });

  it('refuses mangled base64 rather than decoding it leniently', () => {
    const mangled = bytes.toString('base64').replace('=', '');
    expect(verifyDownload(canonicalDialect, reply(mangled), 'f.bin', sent, MUST)[0]?.reason).toBe(
      'the data is not valid base64',
    );
  });

  it('judges the exact encoding of the bytes sent as those bytes, and any other text by decoding it', () => {
    expect(
      verifyDownload(canonicalDialect, reply(sent.base64), 'f.bin', sent, MUST)[0],
    ).toMatchObject({ verdict: 'PASS', reason: '4 bytes, byte-exact' });
    const longer = Buffer.from([0, 1, 2, 255, 0]);
    expect(
      verifyDownload(canonicalDialect, reply(longer.toString('base64')), 'f.bin', sent, MUST)[0],
    ).toMatchObject({ verdict: 'FAIL', actual: '5 bytes, byte 4 is 0 where nothing was sent' });
  });

  it('a wrong "messages" text is NON-STRICT only', () => {
    const checks = verifyDownload(
      canonicalDialect,
      reply(bytes.toString('base64'), { messages: 'ok' }),
      'f.bin',
      sent,
      MUST,
    );
    expect(checks.map((c) => c.verdict)).toEqual(['PASS', 'NON-STRICT']);
  });
});

describe('subsetMismatch', () => {
  it('finds the first differing path', () => {
    expect(subsetMismatch({ a: { b: [1, 2] } }, { a: { b: [1, 2] }, c: 3 })).toBeUndefined();
    expect(subsetMismatch({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toBe('a.b[1]');
    expect(subsetMismatch({ a: 1 }, { a: '1' })).toBe('a');
  });
});
