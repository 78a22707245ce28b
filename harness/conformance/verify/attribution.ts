/**
 * Which requirement a check judges, and how a requirement's verdict follows from the checks
 * that judge it. The conformance runner and the fuzzer both attribute with these two
 * functions, so a server is held to one rule whichever engine found the fault.
 *
 * A check judges every requirement its scenario names, except a text check, which judges the
 * text rules alone (PROTO-3 when the scenario names none): an English error text on a blank
 * line misses PROTO-1's SHOULD text, never FRAME-1's framing.
 *
 * A requirement checked on some commands and unimplemented on others gets the verdict of the
 * checks that ran, with the commands it was judged on; it is UNIMPLEMENTED only when every
 * check of it needed a command the server lacks.
 */
import {
  ERROR_TEXTS_REQUIREMENT,
  isTextRequirement,
  type CommandName,
  type RequirementId,
} from '../../../specs/index.js';
import { severity, type JudgedOn, type Verdict } from '../../../results/run.js';
import type { Check } from './check.js';

/** What one scenario (or fuzz case) found for each requirement it judged. */
export type Attribution = Readonly<Partial<Record<RequirementId, Verdict>>>;

/** The requirements a check of this kind judges, out of those its scenario names. */
export function requirementsJudged(
  requirements: readonly RequirementId[],
  judges: Check['judges'],
): RequirementId[] {
  if (judges !== 'text') return [...requirements];
  const text = requirements.filter(isTextRequirement);
  return text.length > 0 ? text : [ERROR_TEXTS_REQUIREMENT];
}

/**
 * Each requirement's verdict from one scenario's checks: the most severe check that judges
 * it, PASS where none missed. Checks that passed may be left out.
 */
export function attribute(
  requirements: readonly RequirementId[],
  checks: readonly Pick<Check, 'verdict' | 'judges'>[],
): Attribution {
  const out: Partial<Record<RequirementId, Verdict>> = {};
  for (const id of requirements) out[id] = 'PASS';
  for (const check of checks) {
    for (const id of requirementsJudged(requirements, check.judges)) {
      const had = out[id];
      if (had === undefined || severity(check.verdict) > severity(had)) out[id] = check.verdict;
    }
  }
  return out;
}

/** One scenario's word on one requirement, as the roll-up needs it. */
export interface Judgement {
  readonly verdict: Verdict;
  /** The command the scenario tests; null for raw bytes only. */
  readonly command: CommandName | null;
  /** False when the scenario could not be checked (a command it needs missing, say). */
  readonly counts: boolean;
}

export interface RolledUp {
  readonly verdict: Verdict | 'UNTESTED';
  /** Present when the verdict rests on some of the requirement's commands only. */
  readonly judgedOn?: JudgedOn;
}

export function rollUp(judgements: readonly Judgement[]): RolledUp {
  const counted = judgements.filter((j) => j.counts);
  const ran = counted.filter((j) => j.verdict !== 'UNIMPLEMENTED');
  const deciding = ran.length > 0 ? ran : counted;
  let verdict: Verdict | 'UNTESTED' = 'UNTESTED';
  for (const j of deciding) {
    if (verdict === 'UNTESTED' || severity(j.verdict) > severity(verdict)) verdict = j.verdict;
  }
  const commandsOf = (list: readonly Judgement[]): CommandName[] => [
    ...new Set(list.flatMap((j) => (j.command === null ? [] : [j.command]))),
  ];
  const of = commandsOf(judgements);
  const judged = commandsOf(ran);
  if (ran.length === 0 || judged.length >= of.length) return { verdict };
  return { verdict, judgedOn: { commands: judged, of } };
}
