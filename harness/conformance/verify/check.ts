/**
 * The one result shape of every verifier, so every failure reads the same way: a verdict, a
 * one-line reason, and what was expected against what was seen (h2spec's "expected … /
 * actual …").
 */
import {
  missVerdict,
  textMissVerdict,
  type CommandName,
  type Level,
} from '../../../specs/index.js';
import { severity, type Verdict } from '../../../results/run.js';
import { show } from './show.js';

export interface Check {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Whether the scenario stops here: any miss of a rule does; a mere text miss does not. */
  readonly stop: boolean;
  /**
   * The server lacks this command, which the scenario needs but does not test: the scenario
   * cannot be checked here (reported as not run), and the command's own scenarios say
   * UNIMPLEMENTED.
   */
  readonly unsupported?: CommandName;
  /**
   * What tells this fault from another with the same reason: the reply a status miss got, a
   * text miss's two texts. Scenarios failing with the same reason and fault share one root
   * cause and are reported once.
   */
  readonly fault?: string;
  /** In a step of several requests, the command whose reply this check judged. */
  readonly command?: CommandName;
  /**
   * Decided by the transport (silence, a close, a reset, bytes that are not JSON): alike for
   * faults that are not alike (a bare LF never answered, a thread killed by a split
   * character), so never taken as the same fault as another scenario's.
   */
  readonly transport?: true;
  /** A text miss: the same two texts are one fault whichever command answered them. */
  readonly acrossCommands?: true;
  /**
   * Which of the scenario's requirements this check judges: `text` — only its text rules
   * (see attribution.ts); absent — every requirement the scenario names.
   */
  readonly judges?: 'text';
}

/** How misses are graded at a step: by the scenario's level, or as a failed setup. */
export interface Grading {
  /** A status, shape or content miss. */
  readonly miss: Verdict;
  /** A documented text (error or success) that differs: a SHOULD at most. */
  readonly textMiss: Verdict;
  readonly setup: boolean;
}

/**
 * A setup step's miss is ERROR: the scenario's own rule was never reached, so neither PASS
 * nor FAIL would be true. Its text misses are not the scenario's business.
 */
export function gradingFor(level: Level, setup: boolean): Grading {
  if (setup) return { miss: 'ERROR', textMiss: 'PASS', setup: true };
  return { miss: missVerdict(level), textMiss: textMissVerdict(level), setup: false };
}

export function pass(reason: string): Check {
  return { verdict: 'PASS', reason, stop: false };
}

function evidence(expected: string | undefined, actual: string | undefined): object {
  return {
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
  };
}

export function miss(
  grading: Grading,
  reason: string,
  expected?: string,
  actual?: string,
  fault?: string,
): Check {
  return {
    verdict: grading.miss,
    reason: grading.setup ? `could not set up: ${reason}` : reason,
    ...evidence(expected, actual),
    stop: true,
    ...(fault !== undefined ? { fault } : {}),
  };
}

/** What a verifier needs a reply to hold: the problem named when it does not, and the form. */
export interface ReplyShape {
  readonly problem: string;
  readonly expected: string;
}

/**
 * A reply the dialect could not read as the step needs: one miss that ends the step, with
 * what the reply should hold and the reply itself.
 */
export function unreadable(
  grading: Grading,
  shape: ReplyShape,
  reason: string,
  reply: unknown,
): Check[] {
  return [miss(grading, `${shape.problem}: ${reason}`, shape.expected, show(reply))];
}

export function textMiss(
  grading: Grading,
  reason: string,
  expected: string,
  actual: string,
): Check {
  if (grading.textMiss === 'PASS') return pass(`${reason} (ignored in a setup step)`);
  return {
    verdict: grading.textMiss,
    reason,
    expected,
    actual,
    stop: false,
    fault: `${expected} -> ${actual}`,
    acrossCommands: true,
    judges: 'text',
  };
}

/** The harness could not get an answer: timeout, lost connection, unparseable reply. */
export function errorCheck(reason: string, expected?: string, actual?: string): Check {
  return { verdict: 'ERROR', reason, ...evidence(expected, actual), stop: true };
}

export function unimplemented(reason: string, actual: string): Check {
  return { verdict: 'UNIMPLEMENTED', reason, actual, stop: true };
}

/** A command the scenario only uses (to set up or to look) is missing: not checkable. */
export function unsupported(command: CommandName, reason: string, actual: string): Check {
  return { verdict: 'INFORMATIONAL', reason, actual, stop: true, unsupported: command };
}

/** The first of the most severe checks: the one a reader needs to see. */
export function worst(checks: readonly Check[]): Check | undefined {
  let out: Check | undefined;
  for (const check of checks) {
    if (out === undefined || severity(check.verdict) > severity(out.verdict)) out = check;
  }
  return out;
}
