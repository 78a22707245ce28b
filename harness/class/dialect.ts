/**
 * The dialect a class entry names, in two halves. `targetDialectSpec` runs before the class
 * run: it reads and validates the dialect file (or built-in name), so a broken one is the
 * targets file's error (exit 2) and costs no run. `dialectForRun` runs in the server's
 * worker: a Dialect holds functions, so what crosses the thread is its spec, plain data.
 * An entry with `probe: true` is probed in its worker, before its run.
 */
import {
  dialectFromSpec,
  resolveDialectSpec,
  type Dialect,
  type DialectSpec,
  type Fixture,
} from '../../specs/index.js';
import type { ClassTarget } from './targets.js';

export function targetDialectSpec(target: ClassTarget): DialectSpec | undefined {
  return target.dialect === undefined ? undefined : resolveDialectSpec(target.dialect);
}

export function dialectForRun(spec: DialectSpec, fixture: Fixture | undefined): Dialect {
  return dialectFromSpec(spec, fixture === undefined ? {} : { fixture });
}
