/** The protocol as specs/PROTOCOL.md writes it: built from specs/dialects/canonical.yaml. */
import { builtinDialect } from './builtin.js';
import type { Dialect } from './dialect.js';

export const canonicalDialect: Dialect = builtinDialect('canonical');
