/**
 * Text in a report may come from the server under test, and a hostile or broken server can
 * send NUL, ANSI escapes that rewrite the reader's terminal, bidi overrides that reorder a
 * line, or line breaks that forge report lines. Everything a report shows on one line goes
 * through `visible`, which spells such characters out as a JavaScript string literal would
 * (`\r\n`, `\x00`, `\x1b`, `\u202e`). The backslash itself is doubled, so a JSON escape inside
 * a reply (`\r` as two characters) never reads like the CR LF that frames it.
 */

const NAMED: Readonly<Record<string, string>> = {
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t',
  '\\': '\\\\',
};

/** Characters that must not reach a terminal or a report file as themselves. */
function isHidden(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    // DEL and C1 controls: 0x9b is a one-byte CSI on some terminals.
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    // Zero-width characters and the left-to-right / right-to-left marks.
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    // Line and paragraph separators, bidi embeddings and overrides.
    (codePoint >= 0x2028 && codePoint <= 0x202e) ||
    // Bidi isolates.
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === 0xfeff ||
    // A lone surrogate (iteration by code point only leaves lone ones here).
    (codePoint >= 0xd800 && codePoint <= 0xdfff) ||
    // Noncharacters that XML 1.0 forbids.
    codePoint === 0xfffe ||
    codePoint === 0xffff
  );
}

function escapeCodePoint(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const codePoint = char.codePointAt(0) ?? 0;
  if (!isHidden(codePoint)) return char;
  const hex = codePoint.toString(16).padStart(2, '0');
  return codePoint <= 0xff ? `\\x${hex}` : `\\u${hex.padStart(4, '0')}`;
}

/** `text` with every control or invisible character spelled out; never contains a line break. */
export function visible(text: string): string {
  let out = '';
  for (const char of text) out += escapeCodePoint(char);
  return out;
}

/**
 * `visible(text)`, cut in the middle when longer than `maxChars` so both ends stay in view: the
 * head of a reply shows its status, the tail shows how it was framed. The marker counts the
 * original characters left out.
 */
export function visibleBounded(text: string, maxChars: number): string {
  const tokens = Array.from(text, escapeCodePoint);
  const total = tokens.reduce((sum, token) => sum + token.length, 0);
  if (total <= maxChars) return tokens.join('');
  const headBudget = Math.ceil(maxChars * 0.6);
  const tailBudget = maxChars - headBudget;
  let head = 0;
  for (let used = 0; head < tokens.length; head++) {
    const length = tokens[head]!.length;
    if (used + length > headBudget) break;
    used += length;
  }
  let tail = 0;
  for (let used = 0; tail < tokens.length - head; tail++) {
    const length = tokens[tokens.length - 1 - tail]!.length;
    if (used + length > tailBudget) break;
    used += length;
  }
  const omitted = tokens.length - head - tail;
  return `${tokens.slice(0, head).join('')}…[${omitted} chars omitted]…${tokens.slice(tokens.length - tail).join('')}`;
}
