/**
 * The order a report reads in: one group per command in the command table's order, then
 * framing, then the rules common to all commands.
 */
import { COMMANDS, COMMAND_NAMES } from '../specs/index.js';
import type { ScenarioGroup, ScenarioResult } from '../results/run.js';

export const GROUP_ORDER: readonly ScenarioGroup[] = Object.freeze([
  ...COMMAND_NAMES,
  'FRAMING',
  'GENERAL',
]);

/** One line on what a group covers, for its heading. */
export function groupSummary(group: ScenarioGroup): string {
  if (group === 'FRAMING') return 'requests, replies and the byte stream';
  if (group === 'GENERAL') return 'rules common to all commands';
  // A report from a newer chatspec may name a group this one does not know.
  return (COMMANDS as Partial<Record<string, { summary: string }>>)[group]?.summary ?? 'other';
}

export interface ScenarioGroupResults {
  readonly group: ScenarioGroup;
  readonly scenarios: readonly ScenarioResult[];
}

/**
 * Scenarios by group in GROUP_ORDER, each group keeping the runner's order; groups without a
 * scenario are left out. A group outside GROUP_ORDER (a report from a newer chatspec) comes
 * last rather than being lost.
 */
export function groupScenarios(scenarios: readonly ScenarioResult[]): ScenarioGroupResults[] {
  const byGroup = new Map<ScenarioGroup, ScenarioResult[]>();
  for (const scenario of scenarios) {
    const list = byGroup.get(scenario.group);
    if (list) list.push(scenario);
    else byGroup.set(scenario.group, [scenario]);
  }
  const known = GROUP_ORDER.filter((group) => byGroup.has(group));
  const unknown = [...byGroup.keys()].filter((group) => !GROUP_ORDER.includes(group)).sort();
  return [...known, ...unknown].map((group) => ({ group, scenarios: byGroup.get(group)! }));
}
