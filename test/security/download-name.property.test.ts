/**
 * File names from a server are opaque keys on the wire; the chat clients turn them into a
 * file under the chosen download folder through one sanitiser. For any name at all, what it
 * accepts is one plain file name that resolves inside the folder.
 */
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeDownloadName } from '../../client/download-name.js';
import { nastyText } from '../inputs/support.js';

const FOLDER = resolve('/tmp/chatspec-downloads');
const PARTS = [
  '..',
  '.',
  '/',
  '\\',
  'C:',
  'c:\\',
  '\0',
  '%2e%2e',
  '..\u2215',
  'a',
  'ファイル',
  ' ',
  '~',
];

const names = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...PARTS), nastyText), { maxLength: 8 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

describe('safeDownloadName', () => {
  it('accepts only a plain name that stays in the download folder', () => {
    fc.assert(
      fc.property(names, (requested) => {
        const safe = safeDownloadName(requested);
        if (!safe.ok) {
          expect(safe.reason.length).toBeGreaterThan(0);
          return;
        }
        const name = safe.name;
        // eslint-disable-next-line no-control-regex
        expect(name).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(name).not.toMatch(/^\.+$/);
        expect(isAbsolute(name)).toBe(false);
        expect(name.length).toBeLessThanOrEqual(200);
        const path = resolve(join(FOLDER, name));
        expect(dirname(path)).toBe(FOLDER);
        expect(path.startsWith(FOLDER + sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every traversal and absolute path outright', () => {
    for (const name of [
      '../x',
      'a/../../x',
      '..\\x',
      '/etc/passwd',
      '\\\\server\\share',
      'C:\\x',
      'c:x',
    ]) {
      expect(safeDownloadName(name).ok, name).toBe(false);
    }
  });
});
