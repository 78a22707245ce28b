/**
 * The command line that replays a fuzz failure, as text: the console, fuzz-report.json and the
 * HTML report all show the same one.
 */
import type { FuzzFailure } from './fuzz.js';

/** Quotes a shell word when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./[\]-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ReplayContext {
  /** The HOST:PORT the campaign was given; absent for the embedded reference server. */
  readonly target?: string;
  readonly fixture?: string;
}

/** `chatspec fuzz … --seed N --path P …`: ready to paste. */
export function replayCommand(failure: FuzzFailure, context: ReplayContext): string {
  const words = ['chatspec', 'fuzz'];
  if (context.target !== undefined) words.push(context.target);
  if (context.fixture !== undefined) words.push('--fixture', context.fixture);
  words.push('--seed', String(failure.seed), '--path', failure.path, ...failure.replayFlags);
  return words.map(shellWord).join(' ');
}
