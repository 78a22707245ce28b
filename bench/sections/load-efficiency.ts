/**
 * `npm run bench -- load-efficiency` (issue 6, benchmark 1): how much the load generator
 * costs. Our generator (the `send` workload, recording everything: per-command HdrHistograms,
 * outcomes, per-second samples) against the simplest closed-loop client one would write by
 * hand (it records nothing), both with 100 connections against the same canned-reply server
 * in its own process. Runs alternate (hand, ours, hand, ours, …) so drift hits both; the
 * figure is the median of ours over the median of the hand-written one. Aim: at least 0.95.
 */
import type { BenchResult, BenchSection } from '../section.js';
import { median, round, runGenerator, runHandClient } from './load-support/generator.js';
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
      const hand: number[] = [];
      const ours: number[] = [];
      // A short warm-up of each, not counted: JIT, socket buffers, the server's own warm-up.
      await runHandClient(scriptPath('hand-client'), port, CONNECTIONS, 1);
      await runGenerator(port, ['-c', String(CONNECTIONS), '-d', '1', '-w', 'send']);
      for (let round = 0; round < ROUNDS; round++) {
        hand.push(await runHandClient(scriptPath('hand-client'), port, CONNECTIONS, SECONDS));
        const run = await runGenerator(port, [
          '-c',
          String(CONNECTIONS),
          '-d',
          String(SECONDS),
          '-w',
          'send',
        ]);
        const failed = run.report.outcomes.timeouts + run.report.outcomes.connectionErrors;
        if (failed > 0)
          throw new Error(`the generator saw ${failed} failures against the canned server`);
        ours.push(run.repliesPerSec);
      }
      const ratio = median(ours) / median(hand);
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
        ],
        summary: [
          `${ROUNDS} alternating rounds of ${SECONDS} s each; each side and the server in its own process`,
          `hand-written runs: ${hand.map((v) => Math.round(v)).join(', ')} req/s`,
          `generator runs:    ${ours.map((v) => Math.round(v)).join(', ')} req/s`,
          `aim: ratio at least ${AIM} (the machine may be shared: other processes can move both)`,
        ],
        metAim: ratio >= AIM,
      };
    } finally {
      await server.stop();
    }
  },
};
