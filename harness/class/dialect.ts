/**
 * The dialect a class entry names, in two halves: `checkTargetDialect` runs before the class
 * run (a bad dialect is the targets file's error, exit 2), `dialectForRun` in the run's worker
 * (a Dialect holds functions, so what crosses the thread is the entry's name or path).
 *
 * This chatspec knows the canonical dialect only: an entry naming it is fine; any other
 * dialect, or `probe: true`, is accepted and noted, and the canonical dialect is used. When
 * dialect files can be loaded, `checkTargetDialect` loads and validates the file and
 * `dialectForRun` builds the dialect from it.
 */
import { canonicalDialect, type Dialect } from '../../specs/index.js';
import type { ClassTarget } from './targets.js';

export const CANONICAL_DIALECT_NAME = 'canonical';

/** A note for the report when the entry asks for more than this chatspec can do, else undefined. */
export function checkTargetDialect(target: ClassTarget): string | undefined {
  if (target.probe)
    return 'probe: true is not supported by this chatspec; the canonical dialect was used';
  if (target.dialect !== undefined && target.dialect !== CANONICAL_DIALECT_NAME) {
    return `dialect ${target.dialect} cannot be loaded by this chatspec; the canonical dialect was used`;
  }
  return undefined;
}

export function dialectForRun(_dialect: string | undefined): Dialect {
  return canonicalDialect;
}
