/** The protocol as specs/PROTOCOL.md writes it: built from specs/dialects/canonical.yaml. */
import type { Fixture } from '../fixture.js';
import { builtinDialect } from './builtin.js';
import type { Dialect } from './dialect.js';
import { dialectFromSpec } from './from-spec.js';

export const canonicalDialect: Dialect = builtinDialect('canonical');

/**
 * The dialect a run speaks: canonical when none is given; rebuilt against the run's fixture
 * when one is given, since `{members}` and usernames in inbox entries are read from it.
 */
export function dialectForRun(dialect: Dialect | undefined, fixture?: Fixture): Dialect {
  if (dialect === undefined) return canonicalDialect;
  return fixture === undefined ? dialect : dialectFromSpec(dialect.spec, { fixture });
}
