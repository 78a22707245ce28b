/**
 * One progress line, for the CLI to rewrite in place on a terminal. It never holds a line
 * break or a carriage return (the CLI adds its own) and never exceeds `columns - 1` visible
 * characters: a line that wraps cannot be rewritten in place.
 */
import type { ScenarioResult } from '../results/run.js';
import { VERDICT_WIDTH, paintVerdict } from './style.js';
import { visible } from './visible.js';

export interface ProgressOptions {
  readonly color: boolean;
  /** The terminal's width (process.stdout.columns); 80 when not given. */
  readonly columns?: number;
}

const DEFAULT_COLUMNS = 80;
/** Narrower than this, the line is cut to the counter and the verdict alone. */
const MIN_COLUMNS = 20;

function cut(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  return `${text.slice(0, maxChars - 1)}…`;
}

/** `[12/64]  18%  FAIL           auth/wrong-password  a wrong password is refused`. */
export function renderProgress(
  done: number,
  total: number,
  last: ScenarioResult,
  options: ProgressOptions,
): string {
  const maxChars = Math.max(MIN_COLUMNS, Math.floor(options.columns ?? DEFAULT_COLUMNS)) - 1;
  const width = String(total).length;
  const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
  const prefix = `[${String(done).padStart(width)}/${total}] ${String(percent).padStart(3)}%  `;
  // Escape first, then cut, so a cut never turns an escape like `\x1b` back into a raw ESC.
  const detail = `${visible(last.id)}  ${visible(last.title)}`.trim();
  const room = maxChars - prefix.length - VERDICT_WIDTH - 2;
  if (room < 1 || detail === '') {
    const verdict = cut(last.verdict, maxChars - prefix.length);
    return cut(prefix, maxChars) + paintVerdict(verdict, last.verdict, options.color);
  }
  const verdict =
    paintVerdict(last.verdict, last.verdict, options.color) +
    ' '.repeat(VERDICT_WIDTH - last.verdict.length);
  return `${prefix}${verdict}  ${cut(detail, room)}`;
}
