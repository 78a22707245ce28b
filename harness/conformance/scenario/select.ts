/**
 * `--only PATTERN`, h2spec-style: a requirement id (`SEND-2`), a requirement area or report
 * group in capitals (`FRAME`, `SEND_FILE`), or a scenario id, its prefix or a glob
 * (`auth/`, `send`, `download_file/*`, `**\/unknown-session`).
 */
import { REQUIREMENT_AREAS, isRequirementId } from '../../../specs/index.js';
import { SCENARIO_GROUPS } from './schema.js';
import type { Scenario } from './types.js';

export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** A predicate for one pattern; throws SelectionError for a pattern that cannot mean anything. */
export function scenarioMatcher(pattern: string): (scenario: Scenario) => boolean {
  const p = pattern.trim();
  if (p === '') throw new SelectionError('an empty --only pattern');
  const upper = p.toUpperCase();
  if (/^[A-Za-z]+-\d+$/.test(p)) {
    if (!isRequirementId(upper)) throw new SelectionError(`--only ${p}: no such requirement id`);
    return (s) => (s.requirements as readonly string[]).includes(upper);
  }
  if (/^[A-Z_]+$/.test(p)) {
    const isArea = (REQUIREMENT_AREAS as readonly string[]).includes(p);
    const isGroup = (SCENARIO_GROUPS as readonly string[]).includes(p);
    if (!isArea && !isGroup) {
      throw new SelectionError(
        `--only ${p}: not a requirement area (${REQUIREMENT_AREAS.join(', ')}) or group (${SCENARIO_GROUPS.join(', ')})`,
      );
    }
    return (s) => s.group === p || s.requirements.some((id) => id.startsWith(`${p}-`));
  }
  if (/[*?]/.test(p)) {
    const re = globToRegExp(p);
    return (s) => re.test(s.id);
  }
  const prefix = p.endsWith('/') ? p : `${p}/`;
  return (s) => s.id === p || s.id.startsWith(prefix);
}

/** The scenarios any pattern selects, in their original order; every pattern must select one. */
export function selectScenarios(
  scenarios: readonly Scenario[],
  patterns: readonly string[],
): Scenario[] {
  if (patterns.length === 0) return [...scenarios];
  const matchers = patterns.map((p) => ({ pattern: p, match: scenarioMatcher(p) }));
  for (const { pattern, match } of matchers) {
    if (!scenarios.some(match)) throw new SelectionError(`--only ${pattern} selects no scenario`);
  }
  return scenarios.filter((s) => matchers.some(({ match }) => match(s)));
}
