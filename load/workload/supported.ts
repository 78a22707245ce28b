/**
 * A workload cut to what the server speaks: ops whose command the dialect marks unsupported
 * are left out (their weight goes to the rest), and the ones left out are named once, so a
 * server without SEND_GROUP_FILE is loaded with what it has rather than flooded with errors.
 * Logging in is needed for everything and reading the inbox for an audit: without them the
 * workload cannot run at all.
 */
import type { CommandName, Dialect } from '../../specs/index.js';
import { COMMAND_OF, type Op } from '../../results/load/ops.js';
import { WorkloadError } from './parse.js';
import type { Workload } from './workload.js';

export interface SupportedWorkload {
  readonly workload: Workload;
  /** Ops of the mix left out, each with the command the dialect lacks. */
  readonly omitted: ReadonlyArray<{ readonly op: Op; readonly command: CommandName }>;
}

/** Commands an op needs: download_file downloads what send_file sent first. */
function commandsOf(op: Op): CommandName[] {
  if (op === 'connect') return ['AUTH'];
  if (op === 'download_file') return ['DOWNLOAD_FILE', 'SEND_FILE'];
  return [COMMAND_OF[op]];
}

export function supportedWorkload(
  workload: Workload,
  dialect: Dialect,
  options: { readonly audit: boolean },
): SupportedWorkload {
  const name = dialect.spec.name;
  if (!dialect.supports('AUTH')) {
    throw new WorkloadError(`dialect "${name}" has no AUTH: a load connection cannot log in`);
  }
  if (options.audit && !dialect.supports('INBOX')) {
    throw new WorkloadError(`dialect "${name}" has no INBOX: --audit cannot read what arrived`);
  }
  const omitted: Array<{ op: Op; command: CommandName }> = [];
  const mix = workload.mix.filter((entry) => {
    const missing = commandsOf(entry.op).find((c) => !dialect.supports(c));
    if (missing !== undefined) omitted.push({ op: entry.op, command: missing });
    return missing === undefined;
  });
  if (omitted.length === 0) return { workload, omitted };
  if (mix.length === 0) {
    throw new WorkloadError(
      `workload "${workload.name}" uses only commands dialect "${name}" lacks (${omitted.map((o) => o.command).join(', ')})`,
    );
  }
  return {
    workload: {
      ...workload,
      description: `${workload.description} (without ${omitted.map((o) => o.op).join(', ')}: not in dialect ${name})`,
      mix,
    },
    omitted,
  };
}
