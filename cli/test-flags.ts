/**
 * The flags of `chatspec test` and their parsers: the reporters, the defaults, and the
 * comma-separated and repeatable options (also used by `chatspec grade`).
 */
import { InvalidArgumentError } from 'commander';
import type { LaunchFlags } from './launch-options.js';
import type { FailOn } from './fail-on.js';
import type { CliIo } from './io.js';

export const REPORTERS = ['console', 'json', 'junit', 'html', 'markdown', 'csv'] as const;
/** What a run writes when --reporter is not given. */
export const DEFAULT_REPORTERS = ['console', 'json', 'junit'] as const;
export type Reporter = (typeof REPORTERS)[number];
export const DEFAULT_OUT_DIR = 'chatspec-report';
/** The conventional exit code of a run stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export interface TestFlags extends LaunchFlags {
  fixture?: string;
  only: string[];
  scenario: string[];
  strict: boolean;
  failOn?: FailOn;
  timeout: number;
  /** The largest reply read without its terminator, in bytes. */
  maxReply?: number;
  reporter: Reporter[];
  out: string;
  list: boolean;
  color?: boolean;
  progress: boolean;
  /** A class run: the servers of this targets file instead of one target. */
  targets?: string;
  /** Servers tested at once in a class run. */
  parallel?: number;
  /** Keep the passwords of auth lines in report.json (console and junit.xml always mask them). */
  keepSecrets?: boolean;
  /** A dialect file or a built-in dialect's name. */
  dialect?: string;
  /** Probe the target's dialect first and use what is found. */
  probe?: boolean;
  /** A rubric file; the default rubric when absent. */
  rubric?: string;
  /** Print the default rubric and exit. */
  printRubric?: boolean;
  /** A grading file: rubric, fixture, dialect or probe, timeout, pinned. */
  grading?: string;
  /** Write Gradescope's results.json here. */
  gradescope?: string;
}

/** What commander hands the action: boolean flags absent when not given. */
export type CommandFlags = Omit<TestFlags, 'strict' | 'list' | 'reporter'> & {
  strict?: boolean;
  list?: boolean;
  reporter?: Reporter[];
};

/** What a class run writes when --reporter is not given: the matrix in every format. */
export const CLASS_DEFAULT_REPORTERS = ['console', 'html', 'markdown', 'csv', 'json'] as const;

/** Where the command writes: the real process from main.ts, a capture in tests. */
export type TestIo = CliIo;

export function collect(value: string, previous: string[]): string[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new InvalidArgumentError('expected a pattern');
  return [...previous, ...parts];
}

export function repeatable(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function reporters(value: string): Reporter[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${REPORTERS.join(', ')}, got "${value}"`,
    );
  }
  return [...new Set(names)] as Reporter[];
}
