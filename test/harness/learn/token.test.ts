import { describe, expect, it } from 'vitest';
import { findToken } from '../../../harness/learn/token.js';
import { withTokenKey } from '../../../harness/learn/adapt.js';
import { canonicalDialect } from '../../../specs/index.js';

const UUID = '0b2e1448-fb9e-4617-9b50-b66310880066';

describe('findToken', () => {
  it('finds the token under a known key, capitals aside', () => {
    expect(findToken({ status: 'OK', token_id: UUID })).toEqual({
      key: 'token_id',
      token: UUID,
      by: 'known-key',
    });
    expect(findToken({ status: 'OK', SessionID: ' abc ' })).toMatchObject({
      key: 'SessionID',
      token: 'abc',
    });
  });

  it('takes the only UUID-shaped string under an unknown key, and not when there are two', () => {
    expect(findToken({ status: 'OK', kunci: UUID, message: 'hi' })).toMatchObject({
      key: 'kunci',
      by: 'only-uuid',
    });
    expect(findToken({ status: 'OK', a: UUID, b: UUID.replace('0b', '1c') })).toBeUndefined();
  });

  it("knows the probe's keys too (id), and takes no number, which no dialect reads back", () => {
    expect(findToken({ status: 'OK', id: 'abc' })).toMatchObject({ key: 'id', by: 'known-key' });
    expect(findToken({ status: 'OK', tokenid: 12345 })).toBeUndefined();
  });

  it('finds nothing in a reply without a token, or with an empty one', () => {
    expect(findToken({ status: 'OK', message: 'welcome' })).toBeUndefined();
    expect(findToken({ status: 'OK', token: '  ' })).toBeUndefined();
  });
});

describe('withTokenKey', () => {
  it('reads the token under the key found, and is still plain data', () => {
    const dialect = withTokenKey(canonicalDialect, 'token_id');
    expect(dialect.readToken({ status: 'OK', token_id: UUID })).toMatchObject({
      ok: true,
      value: UUID,
    });
    expect(dialect.readToken({ status: 'OK', tokenid: UUID }).ok).toBe(false);
    expect(dialect.spec.replies.token).toBe('token_id');
    expect(dialect.name).toBe('canonical, token under "token_id"');
  });
});
