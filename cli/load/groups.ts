/**
 * A server whose groups are made before use (the dialect's groups.create) has none of the
 * fixture's until someone makes them. Before a load that sends to groups, they are made and
 * joined through the dialect, as the conformance run and the fuzzer make them, so that a
 * correct server's group sends are answered as they would be for its users, not refused for
 * groups it was never asked to make.
 */
import type { Dialer } from '../../net/index.js';
import type { Dialect } from '../../specs/index.js';
import { prepareGroups } from '../../harness/learn/groups.js';
import { resolveLoadOptions, sendsToGroups, type LoadOptions } from '../../load/index.js';
import { UsageError } from '../usage.js';

export interface LoadPlan {
  readonly options: LoadOptions;
  readonly dialect: Dialect;
}

export async function withGroupsMade(plan: LoadPlan, dialer: Dialer): Promise<LoadPlan> {
  const { options, dialect } = plan;
  if (!sendsToGroups(options.workload) || dialect.groupSource !== 'created') return plan;
  const made = await prepareGroups(
    {
      dialer,
      timeoutMs: options.timeoutMs,
      maxReplyBytes: options.maxReplyBytes,
      dialect,
      fixture: options.fixture,
    },
    // The same seed gives the same groups: shards of one run make and join the same ones.
    `ld${(options.seed >>> 0).toString(36)}`,
  );
  if (made.problem !== undefined) {
    throw new UsageError(`cannot make the groups the workload sends to: ${made.problem}`);
  }
  return {
    options: resolveLoadOptions({ ...options, fixture: made.target.fixture }),
    dialect: made.target.dialect,
  };
}
