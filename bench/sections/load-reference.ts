/**
 * `npm run bench -- load-reference` (issue 6, benchmark 2): what the oracle costs. The
 * reference server under the `chat` workload, 100 connections, beside two yardsticks run
 * by the same generator in the same alternating rounds, each server in its own process:
 * - the smallest real chat server written by hand (minimal-server.ts), which sends the same
 *   replies as the reference server: the ratio against it is the cost of the oracle alone
 *   (limits, checks, defects, dialects). Aim (issue 20): at least 0.90.
 * - the canned-reply server, which answers every line with one short constant: the ratio
 *   against it adds what real replies cost both sides (an inbox's contents to write, and to
 *   read without a memoised parse). Issue 20 first set 0.85 on it; the minimal server's own
 *   ratio against it, shown beside, is the most any real server reaches here.
 * Beside the rates, the CPU time each server and the generator spent per 1,000 replies,
 * steadier than the rates on a shared machine.
 */
import type { BenchFigure, BenchResult, BenchSection } from '../section.js';
import { list, median, round } from '../figures.js';
import { runGenerator, withServerCpu } from './load-support/generator.js';
import { portOf, scriptPath, startNode, type Child } from './load-support/processes.js';

const CONNECTIONS = 100;
const SECONDS = 4;
const ROUNDS = 5;
/** The oracle at most this much slower than the minimal server, in replies per second. */
const AIM = 0.9;
/** Issue 20's first aim, against the canned server, shown beside. */
const CANNED_AIM = 0.85;

/** One server of the comparison, and what each round measured against it. */
interface Side {
  readonly name: 'canned' | 'minimal' | 'reference';
  readonly child: Child;
  /** Error replies or timeouts from it end the bench: its figures would mean nothing. */
  readonly mustAnswer: boolean;
  port: number;
  readonly rates: number[];
  readonly serverCpu: number[];
  readonly generatorCpu: number[];
}

function side(name: Side['name'], mustAnswer: boolean): Side {
  const child = startNode(scriptPath(`${name}-server`), []);
  return { name, child, mustAnswer, port: 0, rates: [], serverCpu: [], generatorCpu: [] };
}

export const loadReferenceSection: BenchSection = {
  name: 'load-reference',
  description: `reference server vs a minimal hand-written server and a canned-reply server under the chat workload, ${CONNECTIONS} connections`,
  async run(): Promise<BenchResult> {
    const sides = [side('canned', false), side('minimal', true), side('reference', true)];
    const [canned, minimal, reference] = sides as [Side, Side, Side];
    try {
      for (const s of sides) s.port = await portOf(s.child);
      const args = ['-c', String(CONNECTIONS), '-d', String(SECONDS), '-w', 'chat'];
      for (const s of sides) {
        await runGenerator(s.port, ['-c', String(CONNECTIONS), '-d', '1', '-w', 'chat']);
      }
      let p99 = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of sides) {
          const run = await withServerCpu(s.child, () => runGenerator(s.port, args));
          if (s.mustAnswer && run.report.outcomes.errorReplies + run.report.outcomes.timeouts > 0) {
            throw new Error(
              `the ${s.name} server failed requests: ${JSON.stringify(run.report.outcomes)}`,
            );
          }
          s.rates.push(run.repliesPerSec);
          s.serverCpu.push(run.serverCpuMsPer1000);
          s.generatorCpu.push(run.cpuMsPer1000);
          if (s === reference) p99 = Math.max(p99, run.report.latency.p99);
        }
      }
      const rate = (s: Side): number => median(s.rates);
      const ratio = rate(reference) / rate(minimal);
      const cannedRatio = rate(reference) / rate(canned);
      const cpuFigure = (s: Side): BenchFigure => ({
        name: `${s.name} server CPU per 1000 replies (median)`,
        value: round(median(s.serverCpu), 1),
        unit: 'ms',
      });
      const runs = (s: Side): string =>
        `${`${s.name} runs:`.padEnd(16)}${list(s.rates)} req/s; server CPU ${list(s.serverCpu, 1)} ms per 1000 replies`;
      return {
        section: 'load-reference',
        figures: [
          { name: 'canned-reply server (median)', value: Math.round(rate(canned)), unit: 'req/s' },
          { name: 'reference server (median)', value: Math.round(rate(reference)), unit: 'req/s' },
          {
            name: 'minimal hand-written server (median)',
            value: Math.round(rate(minimal)),
            unit: 'req/s',
          },
          { name: 'ratio reference / minimal', value: round(ratio), unit: 'x' },
          { name: 'ratio reference / canned', value: round(cannedRatio), unit: 'x' },
          { name: 'ratio minimal / canned', value: round(rate(minimal) / rate(canned)), unit: 'x' },
          { name: 'reference server p99 latency (worst round)', value: round(p99, 3), unit: 'ms' },
          ...sides.map(cpuFigure),
        ],
        summary: [
          `chatspec load -w chat, ${ROUNDS} alternating rounds of ${SECONDS} s; each server in its own process`,
          ...sides.map(runs),
          `generator CPU per 1000 replies: ${sides.map((s) => `${list(s.generatorCpu, 1)} (${s.name})`).join(', ')} ms`,
          `aim: reference / minimal at least ${AIM} (now ${round(ratio)}); the machine may be shared, and other processes can move both`,
          `against the canned server: reference ${round(cannedRatio)}, minimal ${round(rate(minimal) / rate(canned))} (issue 20's first aim, ${CANNED_AIM}, is beyond a server that sends real replies)`,
        ],
        metAim: ratio >= AIM,
      };
    } finally {
      await Promise.all(sides.map((s) => s.child.stop()));
    }
  },
};
