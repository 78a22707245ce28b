/**
 * Free text as the specification compares it: surrounding whitespace (including a stray CRLF
 * kept by servers that store the raw line tail) does not count; inner whitespace does.
 */
export function normalizeFreeText(text: string): string {
  return text.trim();
}

export function sameFreeText(a: string, b: string): boolean {
  return normalizeFreeText(a) === normalizeFreeText(b);
}

/** Control characters as escapes, so `\r\n`, a tab or a stray byte is visible in a printed line. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => {
    if (ch === '\r') return '\\r';
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
