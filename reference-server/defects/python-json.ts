/**
 * Python's `json.dumps(value)` with its defaults, as the course's servers send every reply:
 * `", "` between items, `": "` after a key, and `ensure_ascii`, so every character outside
 * printable ASCII (DEL included) is a lower-case `\uXXXX` escape, astral characters as a
 * surrogate pair. The result is valid JSON; only its bytes differ from JSON.stringify's.
 */

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Python's ESCAPE_ASCII: `([\\"]|[^\ -~])`. */
const NEEDS_ESCAPE = /[\\"]|[^ -~]/g;

function pyString(text: string): string {
  return `"${text.replace(
    NEEDS_ESCAPE,
    (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`;
}

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}
