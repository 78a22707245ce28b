/**
 * One root cause, one finding. A scenario that failed at a step it does not test — its
 * preparation (log in, empty an inbox, send a file to download), or a command it only uses
 * to look (the inbox read that shows whether a send arrived) — is folded into the finding of
 * that command's own scenarios when they failed the same way: not checkable, pointing at
 * them, instead of one FAIL or ERROR more. Its own scenarios are those of its report group
 * (`inbox/…` for INBOX). "The same way" is the same check failing for the
 * same reason, so a different fault seen through the same command (a message missing, not an
 * inbox of the wrong shape) is never hidden; a failure nobody else reports stays as it is.
 */
import type { ScenarioId, ScenarioResult } from '../result.js';
import type { ScenarioRun } from './scenario.js';

/** At most this many scenarios are named as the cause. */
const MAX_BLOCKED_BY = 3;

/**
 * Reasons compared without their numbers (a timeout's milliseconds, a count) and without the
 * key a reply-shape complaint points into (`"messages.messi[0]"`, `"messages.group1[0]"`).
 */
function shape(reason: string): string {
  return reason.replace(/"messages\.[^"]*"/g, '"messages.…"').replace(/\d+/g, 'N');
}

export function foldIntoRootCauses(runs: readonly ScenarioRun[]): ScenarioResult[] {
  return runs.map((run) => {
    const at = run.decidedAt;
    if (at === undefined || !at.incidental) return run.result;
    const by: ScenarioId[] = runs
      .filter(
        (other) =>
          other !== run &&
          other.decidedAt !== undefined &&
          !other.decidedAt.incidental &&
          other.result.group === at.command &&
          other.decidedAt.command === at.command &&
          shape(other.decidedAt.reason) === shape(at.reason),
      )
      .map((other) => other.result.id);
    if (by.length === 0) return run.result;
    const named = by.slice(0, MAX_BLOCKED_BY);
    const more = by.length > named.length ? ` and ${by.length - named.length} more` : '';
    return {
      ...run.result,
      verdict: 'INFORMATIONAL',
      reason: `not checkable: ${run.result.reason.replace('could not set up: ', '')}; the same fault of ${at.command.toLowerCase()} is reported by ${named.join(', ')}${more}`,
      notRun: 'blocked',
      blockedBy: named,
    };
  });
}
