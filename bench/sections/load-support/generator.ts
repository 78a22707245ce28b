/** Runs `chatspec load … --json` as its own process and reads the figures the benches need. */
import type { LoadReport } from '../../../results/index.js';
import { CLI_PATH, runToEnd, startNode } from './processes.js';

export interface GeneratorRun {
  /** Replies (OK or ERROR) per second over the run. */
  readonly repliesPerSec: number;
  readonly report: LoadReport;
  readonly peakRssBytes: number;
}

export async function runGenerator(port: number, args: readonly string[]): Promise<GeneratorRun> {
  const child = startNode(CLI_PATH, [
    'load',
    `127.0.0.1:${port}`,
    '--json',
    '--no-progress',
    '--seed',
    '1',
    ...args,
  ]);
  const stdout = await runToEnd(child, 10 * 60_000);
  const report = JSON.parse(stdout) as LoadReport;
  const replies = report.outcomes.ok + report.outcomes.errorReplies;
  return { repliesPerSec: replies / report.duration, report, peakRssBytes: child.peakRssBytes() };
}

export async function runHandClient(
  script: string,
  port: number,
  connections: number,
  seconds: number,
): Promise<number> {
  const child = startNode(script, [String(port), String(connections), String(seconds)]);
  const stdout = await runToEnd(child, (seconds + 30) * 1000);
  const match = /REPLIES (\d+) MS (\d+)/.exec(stdout);
  if (!match) throw new Error(`hand client printed no figures: ${stdout}`);
  return Number(match[1]) / (Number(match[2]) / 1000);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
