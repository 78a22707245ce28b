import { describe, expect, it } from 'vitest';
import { isUnknownCommandReply } from '../../../harness/learn/unknown-command.js';

describe('isUnknownCommandReply', () => {
  it('takes the documented text, capitals aside, whatever was learned', () => {
    expect(isUnknownCommandReply('**protocol tidak benar', 'hapus')).toBe(true);
    expect(
      isUnknownCommandReply('**Protocol Tidak Benar', 'hapus', { text: 'x', distinct: false }),
    ).toBe(true);
  });

  it('takes the text learned for a made-up verb, the verb it names blanked', () => {
    const learned = { text: 'perintah \u0000 tidak dikenal', distinct: true };
    expect(isUnknownCommandReply('Perintah send_file tidak dikenal', 'send_file', learned)).toBe(
      true,
    );
    expect(isUnknownCommandReply('Perintah send_file salah', 'send_file', learned)).toBe(false);
    // Learned, but said to other mistakes too: it tells nothing.
    expect(
      isUnknownCommandReply('Perintah send_file tidak dikenal', 'send_file', {
        ...learned,
        distinct: false,
      }),
    ).toBe(false);
  });

  it('with nothing learned, knows the wordings in the wild but not the missing-params one', () => {
    expect(isUnknownCommandReply('**Incorrect Protocol', 'x')).toBe(true);
    expect(isUnknownCommandReply('Unknown command: x', 'x')).toBe(true);
    expect(isUnknownCommandReply('--Incorrect Protocol', 'x')).toBe(false);
    expect(isUnknownCommandReply('User Tidak Ada', 'x')).toBe(false);
  });

  it('once a text was learned, a wording alone is not enough (it may be the missing-params text)', () => {
    expect(
      isUnknownCommandReply('Incorrect protocol usage', 'send', {
        text: 'no such command',
        distinct: true,
      }),
    ).toBe(false);
  });
});
