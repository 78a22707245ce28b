/**
 * The first check of every reply: did one arrive? A timeout, a close or an unparseable reply
 * is ERROR unless the expectation says what else it means (`timeout: miss` in the framing
 * scenarios, where a server that never answers a bare LF misses a SHOULD and nothing more).
 */
import type { JsonObject } from '../../../specs/index.js';
import { describeOutcome, type ReadOutcome } from '../../client/connection.js';
import type { Expect, OutcomeRule } from '../scenario/types.js';
import { errorCheck, miss, pass, type Check, type Grading } from './check.js';
import { clip } from './show.js';

export type OutcomeCheck =
  | { readonly kind: 'reply'; readonly json: JsonObject; readonly text: string }
  | { readonly kind: 'settled'; readonly check: Check };

const REPLY_FORM = 'a JSON object followed by \\r\\n\\r\\n';

function byRule(rule: OutcomeRule, grading: Grading, reason: string, actual: string): Check {
  if (rule === 'pass') return pass(`${reason}, which this step accepts`);
  if (rule === 'miss') return miss(grading, reason, 'a reply', actual);
  return errorCheck(reason, 'a reply', actual);
}

export function verifyOutcome(
  outcome: ReadOutcome,
  expect: Expect,
  grading: Grading,
  timeoutMs: number,
): OutcomeCheck {
  const got = outcomeCheck(outcome, expect, grading, timeoutMs);
  return got.kind === 'settled'
    ? { kind: 'settled', check: { ...got.check, transport: true } }
    : got;
}

function outcomeCheck(
  outcome: ReadOutcome,
  expect: Expect,
  grading: Grading,
  timeoutMs: number,
): OutcomeCheck {
  const described = describeOutcome(outcome, timeoutMs);
  switch (outcome.kind) {
    case 'reply':
      if (outcome.json !== undefined)
        return { kind: 'reply', json: outcome.json, text: outcome.text };
      return {
        kind: 'settled',
        check: errorCheck(described, REPLY_FORM, clip(outcome.text)),
      };
    case 'timeout':
      return { kind: 'settled', check: byRule(expect.onTimeout, grading, described, 'silence') };
    case 'closed':
      return {
        kind: 'settled',
        check: byRule(expect.onClosed, grading, described, 'connection closed'),
      };
    case 'error':
      // A reset is the server closing the connection hard: the same as a close for the rules.
      if (/ECONNRESET|EPIPE/.test(outcome.message)) {
        return {
          kind: 'settled',
          check: byRule(
            expect.onClosed,
            grading,
            `connection reset by the server (${outcome.message})`,
            'connection reset',
          ),
        };
      }
      return { kind: 'settled', check: errorCheck(described, REPLY_FORM, described) };
    case 'overflow':
      return { kind: 'settled', check: errorCheck(described, REPLY_FORM, described) };
  }
}
