/**
 * Which report group a requirement belongs to, from its area: AUTH-3 under AUTH, DOWNLOAD-6
 * under DOWNLOAD_FILE, FRAME-* under FRAMING, PROTO-* and SESSION-* under GENERAL. The HTML
 * report and the class matrix list requirements by command in the groups' order.
 */
import type { RequirementResult, ScenarioGroup } from '../results/run.js';
import { GROUP_ORDER } from './groups.js';
import { requirementArea, requirementCommand } from '../specs/index.js';

export function requirementGroup(id: string): ScenarioGroup {
  return requirementCommand(id) ?? (requirementArea(id) === 'FRAME' ? 'FRAMING' : 'GENERAL');
}

/** `AUTH-10` after `AUTH-9`: ids compared by area, then number. */
export function compareRequirementIds(a: string, b: string): number {
  const [, areaA = a, nA = '0'] = /^(.*)-(\d+)$/.exec(a) ?? [];
  const [, areaB = b, nB = '0'] = /^(.*)-(\d+)$/.exec(b) ?? [];
  return areaA === areaB ? Number(nA) - Number(nB) : areaA.localeCompare(areaB);
}

export interface RequirementGroupRows<T extends Pick<RequirementResult, 'id'>> {
  readonly group: ScenarioGroup;
  readonly requirements: readonly T[];
}

/** Requirements by group in GROUP_ORDER, each group in id order. */
export function groupRequirements<T extends Pick<RequirementResult, 'id'>>(
  requirements: readonly T[],
): RequirementGroupRows<T>[] {
  const byGroup = new Map<ScenarioGroup, T[]>();
  for (const req of requirements) {
    const group = requirementGroup(req.id);
    const list = byGroup.get(group);
    if (list) list.push(req);
    else byGroup.set(group, [req]);
  }
  return GROUP_ORDER.filter((g) => byGroup.has(g)).map((group) => ({
    group,
    requirements: byGroup.get(group)!.sort((a, b) => compareRequirementIds(a.id, b.id)),
  }));
}
