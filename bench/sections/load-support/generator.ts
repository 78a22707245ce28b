/** Runs `chatspec load … --json` as its own process and reads the figures the benches need. */
import type { LoadReport } from '../../../results/index.js';
import { CLI_PATH, runToEnd, startNode, type Child } from './processes.js';

export interface GeneratorRun {
  /** Replies (OK or ERROR) per second over the run. */
  readonly repliesPerSec: number;
  /** Replies (OK or ERROR) over the run. */
  readonly replies: number;
  /** The generator's CPU time per 1,000 replies, from its first connection to its exit. */
  readonly cpuMsPer1000: number;
  readonly report: LoadReport;
  readonly peakRssBytes: number;
}

/** A client's run: how fast, and what its process spent on it. */
export interface ClientRun {
  readonly repliesPerSec: number;
  readonly replies: number;
  readonly cpuMsPer1000: number;
}

export function per1000(cpuMs: number, replies: number): number {
  return replies > 0 ? (cpuMs * 1000) / replies : Number.NaN;
}

export async function runGenerator(
  port: number,
  args: readonly string[],
  openFiles?: number,
): Promise<GeneratorRun> {
  const child = startNode(
    CLI_PATH,
    ['load', `127.0.0.1:${port}`, '--json', '--no-progress', '--seed', '1', ...args],
    openFiles,
  );
  const stdout = await runToEnd(child, 10 * 60_000);
  const report = JSON.parse(stdout) as LoadReport;
  const replies = report.outcomes.ok + report.outcomes.errorReplies;
  return {
    repliesPerSec: replies / report.duration,
    replies,
    cpuMsPer1000: per1000(child.runCpuTimeMs(), replies),
    report,
    peakRssBytes: child.peakRssBytes(),
  };
}

export async function runHandClient(
  script: string,
  port: number,
  connections: number,
  seconds: number,
): Promise<ClientRun> {
  const child = startNode(script, [String(port), String(connections), String(seconds)]);
  const stdout = await runToEnd(child, (seconds + 30) * 1000);
  const match = /REPLIES (\d+) MS (\d+)/.exec(stdout);
  if (!match) throw new Error(`hand client printed no figures: ${stdout}`);
  const replies = Number(match[1]);
  return {
    repliesPerSec: replies / (Number(match[2]) / 1000),
    replies,
    cpuMsPer1000: per1000(child.runCpuTimeMs(), replies),
  };
}

/** Runs `run` and returns it with the CPU time `server` spent meanwhile, per 1,000 replies. */
export async function withServerCpu<R extends { readonly replies: number }>(
  server: Child,
  run: () => Promise<R>,
): Promise<R & { readonly serverCpuMsPer1000: number }> {
  const before = server.cpuTimeMs();
  const result = await run();
  return { ...result, serverCpuMsPer1000: per1000(server.cpuTimeMs() - before, result.replies) };
}
