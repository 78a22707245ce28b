/**
 * Terminal colour, as plain SGR codes. `node:util`'s styleText would do, but from Node 22 on it
 * checks process.stdout itself and may drop colour the caller asked for; a renderer must do
 * exactly what its `color` flag says, so the codes are written out here.
 */
import type { Verdict } from '../results/run.js';

export type Style = 'green' | 'yellow' | 'cyan' | 'magenta' | 'red' | 'bold' | 'dim';

const CODES: Readonly<Record<Style, readonly [open: number, close: number]>> = {
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  red: [31, 39],
  bold: [1, 22],
  dim: [2, 22],
};

/** `text` in `style` when `color` is on; `text` unchanged (no escape code at all) when off. */
export function paint(text: string, style: Style, color: boolean): string {
  if (!color || text === '') return text;
  const [open, close] = CODES[style];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}

const VERDICT_STYLES: Readonly<Record<Verdict | 'UNTESTED', Style>> = {
  PASS: 'green',
  INFORMATIONAL: 'cyan',
  'NON-STRICT': 'yellow',
  UNIMPLEMENTED: 'magenta',
  FAIL: 'red',
  ERROR: 'red',
  UNTESTED: 'dim',
};

export function paintVerdict(text: string, verdict: Verdict | 'UNTESTED', color: boolean): string {
  return paint(text, VERDICT_STYLES[verdict], color);
}

/** The widest verdict name, so verdict columns line up. */
export const VERDICT_WIDTH = 'UNIMPLEMENTED'.length;
