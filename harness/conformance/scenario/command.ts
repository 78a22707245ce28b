/** The command a scenario is about, for reports that list results by command. */
import { isCommandName, type CommandName } from '../../../specs/index.js';
import type { Scenario, Step } from './types.js';

function firstChecked(steps: readonly Step[]): CommandName | undefined {
  for (const step of steps) {
    if (step.kind === 'forEach') {
      const inner = firstChecked(step.steps);
      if (inner !== undefined) return inner;
    } else if (step.kind === 'request' && !step.setup && step.requests.length > 0) {
      return step.requests[0]!.command;
    }
  }
  return undefined;
}

/**
 * The scenario's group when that is a command; otherwise (framing and general scenarios) the
 * first command it sends in a step that is not preparation; null for raw bytes only.
 */
export function commandUnderTest(scenario: Scenario): CommandName | null {
  if (isCommandName(scenario.group)) return scenario.group;
  return firstChecked(scenario.steps) ?? null;
}
