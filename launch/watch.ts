/**
 * Process statistics of a launched server's whole tree: the processes below its agent (the
 * agent itself, chatspec's helper, is not the server's). pidtree lists the tree, pidusage reads
 * each process's resident memory and CPU time.
 */
import pidtree from 'pidtree';
import pidusage from 'pidusage';

/** pidusage keeps each process's stat file open this long between samples. */
const PIDUSAGE_OPTIONS = { maxage: 10_000 };

export interface IdleCpu {
  /** CPU time the tree used during the window. */
  readonly cpuSeconds: number;
  /** That time over the window's length: 1 is one core busy all along. */
  readonly coreShare: number;
  readonly windowMs: number;
}

/** The processes below `agentPid`; empty once it is gone. */
export async function treeBelow(agentPid: number): Promise<number[]> {
  return pidtree(agentPid).catch(() => [] as number[]);
}

async function stats(pids: readonly number[]): Promise<Map<number, pidusage.Status>> {
  const found = new Map<number, pidusage.Status>();
  if (pids.length === 0) return found;
  // Processes that are gone are skipped (or, alone, fail the call): a tree changes as it runs.
  const all = await pidusage([...pids], PIDUSAGE_OPTIONS).catch(
    () => ({}) as Record<string, pidusage.Status>,
  );
  for (const [pid, stat] of Object.entries(all)) if (stat) found.set(Number(pid), stat);
  return found;
}

/** Resident bytes of the processes together. */
export async function residentBytes(pids: readonly number[]): Promise<number> {
  let bytes = 0;
  for (const stat of (await stats(pids)).values()) bytes += stat.memory;
  return bytes;
}

/** CPU time of a process tree over a window, after letting it settle first. */
export async function treeCpu(
  pidsNow: () => Promise<number[]>,
  settleMs: number,
  windowMs: number,
): Promise<IdleCpu> {
  await sleep(settleMs);
  const before = await stats(await pidsNow());
  const startedNs = process.hrtime.bigint();
  await sleep(windowMs);
  const after = await stats(await pidsNow());
  const elapsedMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
  let cpuMs = 0;
  for (const [pid, stat] of after) cpuMs += stat.ctime - (before.get(pid)?.ctime ?? 0);
  const cpuSeconds = Math.max(0, cpuMs) / 1000;
  return { cpuSeconds, coreShare: cpuSeconds / (elapsedMs / 1000), windowMs: elapsedMs };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
