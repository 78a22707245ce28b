/**
 * One root cause, one finding. A scenario that could not be set up because of a fault that
 * another scenario already reports (an inbox reply of the wrong shape breaks every "drain")
 * is folded into that finding: not checkable, pointing at the scenarios that report it,
 * instead of one ERROR more. A setup failure nobody else reports stays an ERROR: then it is
 * the only evidence of the fault.
 */
import type { CommandName } from '../../specs/index.js';
import type { ScenarioId, ScenarioResult } from '../result.js';
import { commandUnderTest } from '../scenario/command.js';
import type { Scenario } from '../scenario/types.js';

/** At most this many scenarios are named as the cause. */
const MAX_BLOCKED_BY = 3;

const REPORTING = new Set(['FAIL', 'ERROR', 'UNIMPLEMENTED']);

export interface SetupFailure {
  readonly index: number;
  readonly command: CommandName;
}

/** The scenarios that report a fault of `command` at a step of their own (not a setup). */
function reporters(
  scenarios: readonly Scenario[],
  results: readonly ScenarioResult[],
  folded: ReadonlySet<number>,
  command: CommandName,
): ScenarioId[] {
  const out: ScenarioId[] = [];
  results.forEach((result, i) => {
    if (folded.has(i) || result.notRun !== undefined || !REPORTING.has(result.verdict)) return;
    if (commandUnderTest(scenarios[i]!) === command) out.push(result.id);
  });
  return out;
}

export function foldSetupFailures(
  scenarios: readonly Scenario[],
  results: readonly ScenarioResult[],
  failures: readonly SetupFailure[],
): ScenarioResult[] {
  const folded = new Set(failures.map((f) => f.index));
  const out = [...results];
  for (const { index, command } of failures) {
    const by = reporters(scenarios, results, folded, command);
    if (by.length === 0) continue;
    const original = results[index]!;
    out[index] = {
      ...original,
      verdict: 'INFORMATIONAL',
      reason: `not checkable: ${original.reason.replace(/could not set up: /, '')}; ${command.toLowerCase()} is already reported broken by ${by.slice(0, MAX_BLOCKED_BY).join(', ')}${by.length > MAX_BLOCKED_BY ? ` and ${by.length - MAX_BLOCKED_BY} more` : ''}`,
      notRun: 'blocked',
      blockedBy: by.slice(0, MAX_BLOCKED_BY),
    };
  }
  return out;
}
