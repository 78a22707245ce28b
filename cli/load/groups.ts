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
import {
  changeLoadOptions,
  probeTarget,
  sendsToGroups,
  type LoadOptions,
} from '../../load/index.js';
import { UsageError } from '../usage.js';
import { asUsage } from './options.js';

export interface LoadPlan {
  readonly options: LoadOptions;
  readonly dialect: Dialect;
}

/**
 * Every load makes its groups with the same password, so a group an earlier load made (or
 * another shard of this one) is joined, whatever the seeds.
 */
const LOAD_RUN_ID = 'load';

/** The plan with its groups made on the server; the same plan where none need making. */
export async function withGroupsMade(plan: LoadPlan, dialer: Dialer): Promise<LoadPlan> {
  const { options, dialect } = plan;
  if (!sendsToGroups(options.workload) || dialect.groupSource !== 'created') return plan;
  // A target that cannot be reached is reported as for any load, before anything is made.
  await probeTarget(dialer, options.timeoutMs, options.localAddresses).catch(asUsage);
  const made = await prepareGroups(
    {
      dialer,
      timeoutMs: options.timeoutMs,
      maxReplyBytes: options.maxReplyBytes,
      dialect,
      fixture: options.fixture,
    },
    LOAD_RUN_ID,
  );
  const why = (text: string): never => {
    throw new UsageError(`cannot make the groups the workload sends to: ${text}`);
  };
  if (made.problem !== undefined) why(made.problem);
  // A refused create is a group the server already has; a refused join leaves a member
  // outside it, whose group messages would then be judged lost.
  const join = made.refused.find((r) => r.action === 'join');
  if (join !== undefined) {
    why(
      `${join.member} could not join ${join.group} (${JSON.stringify(join.text)}); ` +
        'a group made before, with another password, cannot be joined',
    );
  }
  return {
    options: changeLoadOptions(options, { fixture: made.target.fixture }),
    dialect: made.target.dialect,
  };
}
