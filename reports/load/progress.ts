/**
 * The progress line shown while a load runs, rewritten in place once a second:
 * `[=======>            ]  4/10 s  53,900 req/s  100/100 ready  0 errors`. Never wider than
 * the terminal, never with a line break.
 */
import type { TickInfo } from '../../results/index.js';
import { count } from './text.js';

export interface LoadProgressOptions {
  readonly durationMs: number;
  readonly connections: number;
  readonly columns?: number;
}

const BAR_WIDTH = 20;

export function renderLoadProgress(tick: TickInfo, options: LoadProgressOptions): string {
  const fraction = Math.min(1, Math.max(0, tick.elapsedMs / options.durationMs));
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar =
    filled >= BAR_WIDTH
      ? '='.repeat(BAR_WIDTH)
      : `${'='.repeat(filled)}>${' '.repeat(BAR_WIDTH - filled - 1)}`;
  const seconds = `${Math.round(tick.elapsedMs / 1000)}/${Math.round(options.durationMs / 1000)} s`;
  const text =
    `[${bar}] ${seconds}  ${count(tick.requests)} req/s  ` +
    `${count(tick.ready)}/${count(options.connections)} ready  ${count(tick.errors)} errors`;
  // A terminal that reports no width (0) gets the usual 80.
  const columns = Math.max(20, options.columns || 80) - 1;
  return text.length > columns ? text.slice(0, columns) : text;
}
