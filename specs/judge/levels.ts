/**
 * How a miss is graded: by the level of the requirement it breaks, read from the one
 * requirement table. The conformance suite, the fuzzer, the load audit and the chat client
 * all grade through here, so the same fault gets the same verdict whichever engine saw it.
 */
import { requirementById, type Level, type RequirementId } from '../requirements.js';

/** The verdicts a broken rule can earn; a subset of the harness's verdicts. */
export type MissVerdict = 'FAIL' | 'NON-STRICT' | 'INFORMATIONAL';

const MISS_BY_LEVEL: Readonly<Record<Level, MissVerdict>> = Object.freeze({
  MUST: 'FAIL',
  SHOULD: 'NON-STRICT',
  MAY: 'INFORMATIONAL',
});

const LEVEL_RANK: Readonly<Record<Level, number>> = Object.freeze({ MAY: 0, SHOULD: 1, MUST: 2 });

/** A status, shape or content miss of a rule at this level. */
export function missVerdict(level: Level): MissVerdict {
  return MISS_BY_LEVEL[level];
}

/** A documented text (error or success) said otherwise: a SHOULD at most. */
export function textMissVerdict(level: Level): MissVerdict {
  return level === 'MAY' ? 'INFORMATIONAL' : 'NON-STRICT';
}

export function levelOf(id: RequirementId): Level {
  const req = requirementById(id);
  // Ids are typed, but a typo in a template literal type still compiles: say which.
  if (req === undefined) throw new Error(`unknown requirement id ${id}`);
  return req.level;
}

/** The verdict of breaking this requirement. */
export function missVerdictOf(id: RequirementId): MissVerdict {
  return missVerdict(levelOf(id));
}

/** The strictest level among these requirements (MAY for none): a scenario's default level. */
export function strictestLevel(ids: readonly RequirementId[]): Level {
  let level: Level = 'MAY';
  for (const id of ids) {
    const req = requirementById(id);
    if (req !== undefined && LEVEL_RANK[req.level] > LEVEL_RANK[level]) level = req.level;
  }
  return level;
}
