/**
 * The command line that replays a fuzz failure, as text: the console, fuzz-report.json and the
 * HTML report all show the same one.
 */
import type { FuzzFailure, Reproduction } from './fuzz.js';

/** Quotes a shell word when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./[\]-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What a replay needs besides the case itself: where the server is and how it speaks. */
export interface ReplayContext {
  /** The HOST:PORT the campaign was given; absent for the embedded reference server. */
  readonly target?: string;
  readonly fixture?: string;
  /** `--dialect` as given: a built-in name or a dialect file. */
  readonly dialect?: string;
  /** The options that started the server (`--run CMD --cwd DIR …`), when chatspec did. */
  readonly launch?: readonly string[];
}

/** The target, server and dialect words a replay starts with, after the command's name. */
function contextWords(context: ReplayContext): string[] {
  const words: string[] = [];
  if (context.target !== undefined) words.push(context.target);
  if (context.launch !== undefined) words.push(...context.launch);
  if (context.fixture !== undefined) words.push('--fixture', context.fixture);
  if (context.dialect !== undefined) words.push('--dialect', context.dialect);
  return words;
}

/** `chatspec fuzz … --seed N --path P …`: ready to paste. */
export function replayCommand(failure: FuzzFailure, context: ReplayContext): string {
  const words = ['chatspec', 'fuzz', ...contextWords(context)];
  words.push('--seed', String(failure.seed), '--path', failure.path, ...failure.replayFlags);
  return words.map(shellWord).join(' ');
}

/** `chatspec test … --scenario FILE`: the saved case run as a scenario, against the same server. */
export function scenarioCommand(context: ReplayContext, scenarioPath: string): string {
  return ['chatspec', 'test', ...contextWords(context), '--scenario', scenarioPath]
    .map(shellWord)
    .join(' ');
}

/**
 * Whether the replay command may be offered: only for a case seen to fail when replayed on its
 * own. Without a reproduction the run was itself a replay of that seed and path, which failed.
 */
export function replaySeenToFail(reproduction: Reproduction | undefined): boolean {
  return reproduction === undefined || reproduction.saved === 'shrunk';
}
