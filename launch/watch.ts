/**
 * Process statistics of a launched server's whole tree: the processes below its agent (the
 * agent itself, chatspec's helper, is not the server's). pidtree lists the tree, pidusage reads
 * each process's resident memory and CPU time.
 */
import pidtree, { type AdvancedResult } from 'pidtree';
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

/**
 * The machine's process table (one `ps` run), shared by every server sampled within this long:
 * the watch samples on the wall clock's multiples of its interval, so servers watched at the
 * same interval share one table rather than running `ps` each.
 */
const TABLE_FRESH_MS = 200;
let table: { readonly atMs: number; readonly rows: Promise<AdvancedResult[]> } | undefined;

function processTable(fresh: boolean): Promise<AdvancedResult[]> {
  const nowMs = Date.now();
  if (fresh || table === undefined || nowMs - table.atMs > TABLE_FRESH_MS) {
    table = {
      atMs: nowMs,
      rows: pidtree(-1, { advanced: true }).catch(() => [] as AdvancedResult[]),
    };
  }
  return table.rows;
}

/**
 * The processes below `agentPid`; empty once it is gone. `shared`: a table up to
 * TABLE_FRESH_MS old will do (the periodic watch); otherwise the table is read now.
 */
export async function treeBelow(agentPid: number, shared = false): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const { ppid, pid } of await processTable(!shared)) {
    const siblings = children.get(ppid);
    if (siblings === undefined) children.set(ppid, [pid]);
    else siblings.push(pid);
  }
  const below: number[] = [];
  const pending = [agentPid];
  while (pending.length > 0) {
    for (const child of children.get(pending.pop()!) ?? []) {
      below.push(child);
      pending.push(child);
    }
  }
  return below;
}

/** Until the wall clock's next multiple of `intervalMs` (see processTable). */
export function msToNextTick(intervalMs: number): number {
  return intervalMs - (Date.now() % intervalMs);
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
