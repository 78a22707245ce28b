/**
 * `npm run bench -- load-efficiency` (issue 6, benchmark 1): how much the load generator
 * costs. Our generator (the `send` workload, recording everything: per-command HdrHistograms,
 * outcomes, per-second samples) against the simplest closed-loop client one would write by
 * hand (it records nothing), both with 100 connections against the same canned-reply server
 * in its own process. Runs alternate (hand, ours, hand, ours, …) so drift hits both; the
 * figure is the median of ours over the median of the hand-written one. Aim: at least 0.95.
 * Beside it, the CPU time each process spent per 1,000 replies (issue 20): on a shared
 * machine the rates swing with what else runs, the CPU time per reply much less.
 */
import type { BenchResult, BenchSection } from '../section.js';
import { list, median, round } from '../figures.js';
import { runGenerator, runHandClient, withServerCpu } from './load-support/generator.js';
import { portOf, scriptPath, startNode } from './load-support/processes.js';

const CONNECTIONS = 100;
const SECONDS = 4;
const ROUNDS = 5;
const AIM = 0.95;

export const loadEfficiencySection: BenchSection = {
  name: 'load-efficiency',
  description: `load generator vs a hand-written closed-loop client, ${CONNECTIONS} connections, canned-reply server`,
  async run(): Promise<BenchResult> {
    const server = startNode(scriptPath('canned-server'), []);
    try {
      const port = await portOf(server);
      const args = ['-c', String(CONNECTIONS), '-d', String(SECONDS), '-w', 'send'];
      const hand: number[] = [];
      const ours: number[] = [];
      const handCpu: number[] = [];
      const oursCpu: number[] = [];
      const serverCpu: { hand: number[]; ours: number[] } = { hand: [], ours: [] };
      // A short warm-up of each, not counted: JIT, socket buffers, the server's own warm-up.
      await runHandClient(scriptPath('hand-client'), port, CONNECTIONS, 1);
      await runGenerator(port, ['-c', String(CONNECTIONS), '-d', '1', '-w', 'send']);
      for (let round = 0; round < ROUNDS; round++) {
        const h = await withServerCpu(server, () =>
          runHandClient(scriptPath('hand-client'), port, CONNECTIONS, SECONDS),
        );
        hand.push(h.repliesPerSec);
        handCpu.push(h.cpuMsPer1000);
        serverCpu.hand.push(h.serverCpuMsPer1000);
        const run = await withServerCpu(server, () => runGenerator(port, args));
        const failed = run.report.outcomes.timeouts + run.report.outcomes.connectionErrors;
        if (failed > 0)
          throw new Error(`the generator saw ${failed} failures against the canned server`);
        ours.push(run.repliesPerSec);
        oursCpu.push(run.cpuMsPer1000);
        serverCpu.ours.push(run.serverCpuMsPer1000);
      }
      const ratio = median(ours) / median(hand);
      const cpuRatio = median(handCpu) / median(oursCpu);
      return {
        section: 'load-efficiency',
        figures: [
          { name: 'hand-written client (median)', value: Math.round(median(hand)), unit: 'req/s' },
          {
            name: 'chatspec load -w send (median)',
            value: Math.round(median(ours)),
            unit: 'req/s',
          },
          { name: 'ratio generator / hand-written', value: round(ratio), unit: 'x' },
          {
            name: 'hand-written client CPU per 1000 replies (median)',
            value: round(median(handCpu), 1),
            unit: 'ms',
          },
          {
            name: 'generator CPU per 1000 replies (median)',
            value: round(median(oursCpu), 1),
            unit: 'ms',
          },
          { name: 'CPU ratio hand-written / generator', value: round(cpuRatio), unit: 'x' },
        ],
        summary: [
          `${ROUNDS} alternating rounds of ${SECONDS} s each; each side and the server in its own process`,
          `hand-written runs: ${list(hand)} req/s; CPU ${list(handCpu, 1)} ms per 1000 replies`,
          `generator runs:    ${list(ours)} req/s; CPU ${list(oursCpu, 1)} ms per 1000 replies`,
          `canned server CPU per 1000 replies: ${list(serverCpu.hand, 1)} (hand), ${list(serverCpu.ours, 1)} (generator) ms`,
          `aim: ratio at least ${AIM} (the machine may be shared: other processes can move both)`,
        ],
        metAim: ratio >= AIM,
      };
    } finally {
      await server.stop();
    }
  },
};
