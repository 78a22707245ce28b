import { describe, expect, it } from 'vitest';
import { safeDownloadName } from '../../client/download-name.js';

describe('safeDownloadName', () => {
  it('keeps a plain file name', () => {
    expect(safeDownloadName('notes.txt')).toEqual({ ok: true, name: 'notes.txt' });
    expect(safeDownloadName('.hidden')).toEqual({ ok: true, name: '.hidden' });
  });

  it('refuses names that leave the folder or are absolute', () => {
    for (const name of [
      '../x',
      'a/../../x',
      '..',
      '/etc/passwd',
      '\\\\server\\share',
      'C:\\x',
      '..\\x',
    ]) {
      expect(safeDownloadName(name).ok, name).toBe(false);
    }
  });

  it('drops folders inside the name and replaces characters no file name should hold', () => {
    expect(safeDownloadName('sub/dir/x.bin')).toEqual({ ok: true, name: 'x.bin' });
    expect(safeDownloadName('a\u0000b\u001b[31m.txt')).toEqual({ ok: true, name: 'a_b_[31m.txt' });
    expect(safeDownloadName('what?.txt')).toEqual({ ok: true, name: 'what_.txt' });
  });

  it('refuses empty names and caps long ones', () => {
    expect(safeDownloadName('  ').ok).toBe(false);
    expect(safeDownloadName('./.').ok).toBe(false);
    const long = safeDownloadName('x'.repeat(1000));
    expect(long.ok && long.name.length).toBe(200);
  });
});
