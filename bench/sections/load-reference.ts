/**
 * `npm run bench -- load-reference` (issue 6, benchmark 2): the reference server under the
 * `chat` workload against the canned-reply server, same generator, 100 connections, each
 * server in its own process. Runs alternate; the figure is the median rate against the
 * reference server over the median against the canned one. Aim: at least 0.85.
 * Beside it, the CPU time each server and the generator spent per 1,000 replies (issue 20),
 * steadier than the rates on a shared machine.
 */
import type { BenchResult, BenchSection } from '../section.js';
import { list, median, round, runGenerator, withServerCpu } from './load-support/generator.js';
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
      const cannedCpu: number[] = [];
      const referenceCpu: number[] = [];
      const generatorCpu: { canned: number[]; reference: number[] } = { canned: [], reference: [] };
      let p99 = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const c = await withServerCpu(canned, () => runGenerator(cannedPort, args));
        onCanned.push(c.repliesPerSec);
        cannedCpu.push(c.serverCpuMsPer1000);
        generatorCpu.canned.push(c.cpuMsPer1000);
        const run = await withServerCpu(reference, () => runGenerator(referencePort, args));
        if (run.report.outcomes.errorReplies + run.report.outcomes.timeouts > 0) {
          throw new Error(
            `the reference server failed requests: ${JSON.stringify(run.report.outcomes)}`,
          );
        }
        onReference.push(run.repliesPerSec);
        referenceCpu.push(run.serverCpuMsPer1000);
        generatorCpu.reference.push(run.cpuMsPer1000);
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
          {
            name: 'canned server CPU per 1000 replies (median)',
            value: round(median(cannedCpu), 1),
            unit: 'ms',
          },
          {
            name: 'reference server CPU per 1000 replies (median)',
            value: round(median(referenceCpu), 1),
            unit: 'ms',
          },
        ],
        summary: [
          `chatspec load -w chat, ${ROUNDS} alternating rounds of ${SECONDS} s; each server in its own process`,
          `canned runs:    ${list(onCanned)} req/s; server CPU ${list(cannedCpu, 1)} ms per 1000 replies`,
          `reference runs: ${list(onReference)} req/s; server CPU ${list(referenceCpu, 1)} ms per 1000 replies`,
          `generator CPU per 1000 replies: ${list(generatorCpu.canned, 1)} (canned), ${list(generatorCpu.reference, 1)} (reference) ms`,
          `aim: ratio at least ${AIM} (the machine may be shared: other processes can move both)`,
        ],
        metAim: ratio >= AIM,
      };
    } finally {
      await Promise.all([canned.stop(), reference.stop()]);
    }
  },
};
