/**
 * One root cause, one finding. Scenarios whose deciding check failed the same way — the same
 * command, the same reason and the same fault (the reply a status miss got; a text miss's two
 * texts, whichever command answered them) — share one root cause: a file list of the wrong
 * shape, a download that cannot find what was sent, an error text in another language. One of
 * them keeps its verdict and names the others; the others are folded into it: INFORMATIONAL,
 * `sameFaultAs` naming it, `ownVerdict` the verdict they had (their requirements keep it),
 * their own evidence kept. A scenario that only prepared or looked with the command (an inbox
 * read to see whether a send arrived) and failed the way that command's own scenario reports
 * is not checkable instead: `notRun: blocked`, `blockedBy` naming the one that reports it.
 *
 * The one that keeps the verdict is the most severe (so a run fails exactly when it failed
 * before folding), then one of the command's own scenarios (`inbox/…` for INBOX), then one
 * that tests the step it failed at, then the one that failed soonest: the simplest
 * reproduction. A failure nobody else shares stays as it is; a different fault seen through
 * the same command (a message missing, not an inbox of the wrong shape) is never hidden.
 *
 * Silence and closes tell faults apart too little (a bare LF never answered and a thread
 * killed by a split character both leave the client waiting): they are folded only where the
 * scenario merely prepared or looked with the command, into that command's own scenarios.
 */
import type { ScenarioId, ScenarioResult } from '../../../results/run.js';
import type { DecidedAt, ScenarioRun } from './scenario.js';

/** At most this many scenarios are named in a reason. */
const MAX_NAMED = 3;

/**
 * Reasons compared without a pipelined reply's place (`reply 3 of 3: `), without numbers (a
 * timeout's milliseconds, a count) and without the path a shape complaint points into
 * (`"messages.messi[0]"`). A message missing under a user and one missing under a group stay
 * apart: they can be two faults.
 */
function shape(text: string): string {
  return text
    .replace(/^reply \d+ of \d+: /, '')
    .replace(/"messages\.[^"]*"/g, '"messages.…"')
    .replace(/\d+/g, 'N');
}

function faultKey(at: DecidedAt): string | undefined {
  const command = at.acrossCommands ? '*' : at.command;
  if (command === undefined) return undefined;
  return `${at.transport ? 'transport ' : ''}${command}\n${shape(at.reason)}\n${shape(at.fault ?? '')}`;
}

function rank(run: ScenarioRun): number[] {
  const at = run.decidedAt!;
  const grave = run.result.verdict === 'FAIL' || run.result.verdict === 'ERROR';
  return [
    grave ? 0 : 1,
    run.result.group === at.command ? 0 : 1,
    at.incidental ? 1 : 0,
    run.result.step ?? Number.MAX_SAFE_INTEGER,
  ];
}

function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function listed(ids: readonly ScenarioId[]): string {
  const named = ids.slice(0, MAX_NAMED).join(', ');
  return ids.length > MAX_NAMED ? `${named} and ${ids.length - MAX_NAMED} more` : named;
}

function folded(run: ScenarioRun, by: ScenarioRun): ScenarioResult {
  const at = run.decidedAt!;
  if (at.incidental && at.command !== undefined && by.result.group === at.command) {
    const reason = run.result.reason.replace('could not set up: ', '');
    return {
      ...run.result,
      verdict: 'INFORMATIONAL',
      reason: `not checkable: ${reason}; the same fault of ${at.command.toLowerCase()} is reported by ${by.result.id}`,
      notRun: 'blocked',
      blockedBy: [by.result.id],
    };
  }
  return {
    ...run.result,
    verdict: 'INFORMATIONAL',
    reason: `the same fault as ${by.result.id}, reported there: ${run.result.reason}`,
    sameFaultAs: by.result.id,
    ownVerdict: run.result.verdict,
  };
}

/** Transport failures: only the scenarios that did not test the command fold, into its own. */
function foldIncidental(group: readonly ScenarioRun[], replaced: Map<ScenarioRun, ScenarioResult>) {
  const own = group.filter(
    (run) => !run.decidedAt!.incidental && run.result.group === run.decidedAt!.command,
  );
  if (own.length === 0) return;
  const keeper = own.reduce((best, run) => (before(rank(run), rank(best)) ? run : best));
  for (const run of group) {
    if (run.decidedAt!.incidental) replaced.set(run, folded(run, keeper));
  }
}

export function foldIntoRootCauses(runs: readonly ScenarioRun[]): ScenarioResult[] {
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of runs) {
    const key = run.decidedAt === undefined ? undefined : faultKey(run.decidedAt);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [run]);
    else group.push(run);
  }
  const replaced = new Map<ScenarioRun, ScenarioResult>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    if (group[0]!.decidedAt!.transport) {
      foldIncidental(group, replaced);
      continue;
    }
    const keeper = group.reduce((best, run) => (before(rank(run), rank(best)) ? run : best));
    const others = group.filter((run) => run !== keeper);
    for (const run of others) replaced.set(run, folded(run, keeper));
    const ids = others.map((run) => run.result.id);
    replaced.set(keeper, {
      ...keeper.result,
      reason: `${keeper.result.reason}; the same fault shows in ${ids.length} more scenario${ids.length === 1 ? '' : 's'} (${listed(ids)}), reported here once`,
    });
  }
  return runs.map((run) => replaced.get(run) ?? run.result);
}
