/**
 * Python's `json.dumps(value)` with its defaults, as every server of the course writes its
 * replies: `", "` between items, `": "` after a key, and `ensure_ascii`, so every character
 * outside printable ASCII (DEL included) is a lower-case `\uXXXX` escape, an astral character
 * a surrogate pair. The course's clients decode each `recv()` chunk by itself, which only
 * ASCII survives: a UTF-8 character split between two chunks kills their connection.
 *
 * It runs on every reply, so it is one walk over the value: a string with nothing to escape
 * (nearly all of them, base64 file contents included) is copied between quotes as it is;
 * any other goes through JSON.stringify and one replace of its non-ASCII characters.
 * Separators are written by the walk, never by a pass over the text, so string contents are
 * never touched. Values are plain JSON values (what JSON.parse gives); like JSON.stringify,
 * an object key whose value is undefined is left out, and an undefined array item is null.
 */

/** A character JSON.stringify would escape, or one json.dumps escapes and it does not. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;
/** What is left after JSON.stringify: DEL and everything above ASCII (lone surrogates too). */
const NON_ASCII = /[\u007f-\uffff]/g;

function escapeChar(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function pyString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  // JSON.stringify's escapes (\", \\, \n, \u001f, lone surrogates as \udxxx) are json.dumps's.
  return JSON.stringify(text).replace(NON_ASCII, escapeChar);
}

/**
 * `"key": ` for the object keys seen so far. Replies repeat a handful of keys (status,
 * message, msg_from, usernames, group ids), so each is escaped once. Bounded: at most
 * MAX_KEY_TEXTS keys of at most MAX_CACHED_KEY_CHARS characters, each kept as a copy of its
 * own (a key cut from a long request line must not keep that line alive); past the cap a
 * key is escaped each time.
 */
const KEY_TEXTS = new Map<string, string>();
const MAX_KEY_TEXTS = 4096;
const MAX_CACHED_KEY_CHARS = 256;

function keyText(key: string): string {
  let text = KEY_TEXTS.get(key);
  if (text === undefined) {
    text = `${pyString(key)}: `;
    if (KEY_TEXTS.size < MAX_KEY_TEXTS && key.length <= MAX_CACHED_KEY_CHARS) {
      // Copies made through a Buffer share nothing with the key's source (the text is ASCII
      // only; UTF-16 carries any key, lone surrogates included).
      const ownKey = Buffer.from(key, 'utf16le').toString('utf16le');
      KEY_TEXTS.set(ownKey, Buffer.from(text, 'latin1').toString('latin1'));
    }
  }
  return text;
}

export function pythonJsonDumps(value: unknown): string {
  if (typeof value === 'string') return pyString(value);
  if (value === null || typeof value !== 'object') {
    // Numbers, booleans; undefined and functions as null, as JSON.stringify does in an array.
    return (JSON.stringify(value) as string | undefined) ?? 'null';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = `[${pythonJsonDumps(value[0])}`;
    for (let i = 1; i < value.length; i++) out += `, ${pythonJsonDumps(value[i])}`;
    return `${out}]`;
  }
  // for-in with an own-key test visits what Object.keys lists, in its order, without
  // making the array of keys.
  let out = '{';
  let separator = '';
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    out += separator + keyText(key) + pythonJsonDumps(item);
    separator = ', ';
  }
  return `${out}}`;
}
