/**
 * One server's run in a class: its dialect (given as a spec, or probed first), then the
 * conformance run. The same steps in a worker thread (a server at an address) and in the
 * main thread (a launched server, whose process the run watches).
 */
import type { Dialer } from '../../net/index.js';
import type { DialectSpec, Fixture } from '../../specs/index.js';
import type { RunResult } from '../../results/run.js';
import { probeDialect } from '../probe/engine.js';
import type { ProcessWatch } from '../conformance/run/process-watch.js';
import { runConformance } from '../conformance/run/runner.js';
import type { Scenario } from '../conformance/scenario/types.js';
import { dialectForRun } from './dialect.js';

export interface ClassServerRun {
  readonly dialer: Dialer;
  readonly fixture?: Fixture;
  readonly dialect?: DialectSpec;
  readonly probe: boolean;
  readonly scenarios: readonly Scenario[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly maxReplyBytes?: number;
  readonly signal?: AbortSignal;
  readonly processWatch?: ProcessWatch;
}

/** Throws TargetUnreachableError when the server cannot be reached at all. */
export async function runClassServer(input: ClassServerRun): Promise<RunResult> {
  let dialect = input.dialect ? dialectForRun(input.dialect, input.fixture) : undefined;
  if (input.probe) {
    const found = await probeDialect({
      dialer: input.dialer,
      ...(input.fixture ? { fixture: input.fixture } : {}),
    });
    dialect = found.dialect;
  }
  return runConformance({
    dialer: input.dialer,
    ...(input.fixture ? { fixture: input.fixture } : {}),
    scenarios: input.scenarios,
    strict: input.strict,
    timeoutMs: input.timeoutMs,
    ...(input.maxReplyBytes !== undefined ? { maxReplyBytes: input.maxReplyBytes } : {}),
    ...(dialect
      ? { dialect, dialectHow: input.probe ? ('probed' as const) : ('given' as const) }
      : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.processWatch ? { processWatch: input.processWatch } : {}),
  });
}
