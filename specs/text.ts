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
