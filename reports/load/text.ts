/**
 * Small text helpers for the load renderers: colour that does exactly what its flag says,
 * server-provided text made safe to print, numbers spelled one way, and a boxed table in the
 * style of autocannon's, so our tables sit next to its tables without a seam.
 */

type Style = 'cyan' | 'bold' | 'red' | 'green' | 'yellow' | 'dim';
const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  cyan: [36, 39],
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  dim: [2, 22],
};

export function paint(text: string, style: Style, color: boolean): string {
  if (!color || text === '') return text;
  const [open, close] = CODES[style];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}

// eslint-disable-next-line no-control-regex -- the escape character is exactly what it matches
const ESC_PATTERN = /\x1b\[[0-9;]*m/g;

/** Width on screen: colour codes take none. */
function width(text: string): number {
  return text.replace(ESC_PATTERN, '').length;
}

/** Control characters from a server (an error text, say) shown as escapes, never executed. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      out +=
        code === 0x0a
          ? '\\n'
          : code === 0x0d
            ? '\\r'
            : code === 0x09
              ? '\\t'
              : `\\x${code.toString(16).padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

/** `12,345`. */
export function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** Milliseconds with up to three decimals (microsecond resolution). */
export function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(value >= 1 ? 2 : 3);
}

/** `1.5 MB` (decimal units, as autocannon's pretty-bytes). */
export function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

export type Align = 'left' | 'right';

/** A boxed table; the head is painted cyan like autocannon's. */
export function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: { readonly color: boolean; readonly align?: readonly Align[] },
): string {
  const columns = head.length;
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (text: string, i: number): string => {
    const pad = ' '.repeat(widths[i]! - width(text));
    return (options.align?.[i] ?? (i === 0 ? 'left' : 'right')) === 'left'
      ? ` ${text}${pad} `
      : ` ${pad}${text} `;
  };
  const line = (left: string, mid: string, right: string): string =>
    left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right;
  const row = (cells: readonly string[]): string =>
    `│${Array.from({ length: columns }, (_, i) => cell(cells[i] ?? '', i)).join('│')}│`;
  return [
    line('┌', '┬', '┐'),
    row(head.map((h) => paint(h, 'cyan', options.color))),
    line('├', '┼', '┤'),
    ...rows.map(row),
    line('└', '┴', '┘'),
  ].join('\n');
}
