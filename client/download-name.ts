/**
 * The name a downloaded file is saved under. The name comes from the server (or from a
 * person typing it), so it is never trusted as a path: a name that tries to leave the
 * download folder is refused, and what remains is one plain file name.
 */

export type SafeName =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

const MAX_NAME_CHARS = 200;

/** Characters no file name here may hold: path separators, control characters, NUL. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

export function safeDownloadName(requested: string): SafeName {
  const name = requested.trim();
  if (name.length === 0) return { ok: false, reason: 'the file name is empty' };
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
    return { ok: false, reason: `"${name}" is an absolute path; refusing to write it` };
  }
  if (name.split(/[/\\]/).some((part) => part === '..')) {
    return { ok: false, reason: `"${name}" leaves the download folder (..); refusing to write it` };
  }
  // Folders in the name are dropped: the file lands in the download folder itself.
  const base =
    name
      .split(/[/\\]/)
      .filter((part) => part !== '' && part !== '.')
      .pop() ?? '';
  const cleaned = base.replace(UNSAFE, '_').slice(0, MAX_NAME_CHARS);
  if (cleaned === '' || /^\.+$/.test(cleaned)) {
    return { ok: false, reason: `"${name}" is not a file name` };
  }
  return { ok: true, name: cleaned };
}
