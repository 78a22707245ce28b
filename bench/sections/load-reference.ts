/**
 * `npm run bench -- load-reference` (issue 6, benchmark 2): the reference server under the
 * `chat` workload against the canned-reply server, same generator, 100 connections, each
 * server in its own process. Runs alternate; the figure is the median rate against the
 * reference server over the median against the canned one. Aim: at least 0.85.
 * Beside it, the CPU time each server and the generator spent per 1,000 replies (issue 20),
 * steadier than the rates on a shared machine. A third server runs in the same rounds: the
 * smallest real one written by hand (minimal-server.ts). The canned server answers INBOX
 * with a short constant, so the generator reads less from it too; the minimal server sends
 * the same replies as the reference, and the ratio against it is the cost of the oracle alone.
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
    const minimal = startNode(scriptPath('minimal-server'), []);
    const reference = startNode(scriptPath('reference-server'), []);
    try {
      const cannedPort = await portOf(canned);
      const minimalPort = await portOf(minimal);
      const referencePort = await portOf(reference);
      const args = ['-c', String(CONNECTIONS), '-d', String(SECONDS), '-w', 'chat'];
      for (const port of [cannedPort, minimalPort, referencePort]) {
        await runGenerator(port, ['-c', String(CONNECTIONS), '-d', '1', '-w', 'chat']);
      }
      const onCanned: number[] = [];
      const onMinimal: number[] = [];
      const onReference: number[] = [];
      const cannedCpu: number[] = [];
      const minimalCpu: number[] = [];
      const referenceCpu: number[] = [];
      const generatorCpu = {
        canned: [] as number[],
        minimal: [] as number[],
        reference: [] as number[],
      };
      let p99 = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const c = await withServerCpu(canned, () => runGenerator(cannedPort, args));
        onCanned.push(c.repliesPerSec);
        cannedCpu.push(c.serverCpuMsPer1000);
        generatorCpu.canned.push(c.cpuMsPer1000);
        const m = await withServerCpu(minimal, () => runGenerator(minimalPort, args));
        if (m.report.outcomes.errorReplies + m.report.outcomes.timeouts > 0) {
          throw new Error(
            `the minimal server failed requests: ${JSON.stringify(m.report.outcomes)}`,
          );
        }
        onMinimal.push(m.repliesPerSec);
        minimalCpu.push(m.serverCpuMsPer1000);
        generatorCpu.minimal.push(m.cpuMsPer1000);
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
      const ofMinimal = median(onReference) / median(onMinimal);
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
          {
            name: 'minimal hand-written server (median)',
            value: Math.round(median(onMinimal)),
            unit: 'req/s',
          },
          { name: 'ratio reference / canned', value: round(ratio), unit: 'x' },
          {
            name: 'ratio minimal / canned',
            value: round(median(onMinimal) / median(onCanned)),
            unit: 'x',
          },
          { name: 'ratio reference / minimal', value: round(ofMinimal), unit: 'x' },
          { name: 'reference server p99 latency (worst round)', value: round(p99, 3), unit: 'ms' },
          {
            name: 'canned server CPU per 1000 replies (median)',
            value: round(median(cannedCpu), 1),
            unit: 'ms',
          },
          {
            name: 'minimal server CPU per 1000 replies (median)',
            value: round(median(minimalCpu), 1),
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
          `minimal runs:   ${list(onMinimal)} req/s; server CPU ${list(minimalCpu, 1)} ms per 1000 replies`,
          `reference runs: ${list(onReference)} req/s; server CPU ${list(referenceCpu, 1)} ms per 1000 replies`,
          `generator CPU per 1000 replies: ${list(generatorCpu.canned, 1)} (canned), ${list(generatorCpu.minimal, 1)} (minimal), ${list(generatorCpu.reference, 1)} (reference) ms`,
          `aim: ratio at least ${AIM} (the machine may be shared: other processes can move both)`,
        ],
        metAim: ratio >= AIM,
      };
    } finally {
      await Promise.all([canned.stop(), minimal.stop(), reference.stop()]);
    }
  },
};
