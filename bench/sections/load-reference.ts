/**
 * `npm run bench -- load-reference` (issue 6, benchmark 2): the reference server under the
 * `chat` workload against the canned-reply server, same generator, 100 connections, each
 * server in its own process. Runs alternate; the figure is the median rate against the
 * reference server over the median against the canned one. Aim: at least 0.85.
 */
import type { BenchResult, BenchSection } from '../section.js';
import { median, round, runGenerator } from './load-support/generator.js';
import { portOf, scriptPath, startNode } from './load-support/processes.js';

const CONNECTIONS = 100;
const SECONDS = 4;
const ROUNDS = 5;
const AIM = 0.85;

export const loadReferenceSection: BenchSection = {
  name: 'load-reference',
  description: `reference server vs canned-reply server under the chat workload, ${CONNECTIONS} connections`,
  async run(): Promise<BenchResult> {
    const canned = startNode(scriptPath('canned-server'), []);
    const reference = startNode(scriptPath('reference-server'), []);
    try {
      const cannedPort = await portOf(canned);
      const referencePort = await portOf(reference);
      const args = ['-c', String(CONNECTIONS), '-d', String(SECONDS), '-w', 'chat'];
      await runGenerator(cannedPort, ['-c', String(CONNECTIONS), '-d', '1', '-w', 'chat']);
      await runGenerator(referencePort, ['-c', String(CONNECTIONS), '-d', '1', '-w', 'chat']);
      const onCanned: number[] = [];
      const onReference: number[] = [];
      let p99 = 0;
      for (let round = 0; round < ROUNDS; round++) {
        onCanned.push((await runGenerator(cannedPort, args)).repliesPerSec);
        const run = await runGenerator(referencePort, args);
        if (run.report.outcomes.errorReplies + run.report.outcomes.timeouts > 0) {
          throw new Error(
            `the reference server failed requests: ${JSON.stringify(run.report.outcomes)}`,
          );
        }
        onReference.push(run.repliesPerSec);
        p99 = Math.max(p99, run.report.latency.p99);
      }
      const ratio = median(onReference) / median(onCanned);
      return {
        section: 'load-reference',
        figures: [
          {
            name: 'canned-reply server (median)',
            value: Math.round(median(onCanned)),
            unit: 'req/s',
          },
          {
            name: 'reference server (median)',
            value: Math.round(median(onReference)),
            unit: 'req/s',
          },
          { name: 'ratio reference / canned', value: round(ratio), unit: 'x' },
          { name: 'reference server p99 latency (worst round)', value: round(p99, 3), unit: 'ms' },
        ],
        summary: [
          `chatspec load -w chat, ${ROUNDS} alternating rounds of ${SECONDS} s; each server in its own process`,
          `canned runs:    ${onCanned.map((v) => Math.round(v)).join(', ')} req/s`,
          `reference runs: ${onReference.map((v) => Math.round(v)).join(', ')} req/s`,
          `aim: ratio at least ${AIM} (the machine may be shared: other processes can move both)`,
        ],
        metAim: ratio >= AIM,
      };
    } finally {
      await Promise.all([canned.stop(), reference.stop()]);
    }
  },
};
