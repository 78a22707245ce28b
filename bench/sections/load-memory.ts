/**
 * `npm run bench -- load-memory` (issue 6, benchmark 3): 10,000 concurrent connections held by
 * the generator against the reference server, each in its own process with the open-file
 * limit raised to 20,000 (`ulimit -n`; the reference server's maxConnections is raised to
 * 50,000 in load-support/reference-server.ts, its default being 20,000). The chat workload runs
 * for 15 s as an open loop at 20,000 requests/s (each connection sends every 0.5 s): a closed
 * loop of 10,000 connections saturates one core on each side, and the connections still
 * logging in queue behind the established ones' traffic for many seconds. Logins are opened
 * 1,000 at a time. The figures are both processes' peak RSS (VmHWM). Aim: every connection
 * logged in, and under 200 MB each (issue 20).
 */
import type { BenchResult, BenchSection } from '../section.js';
import { round } from '../figures.js';
import { runGenerator } from './load-support/generator.js';
import { portOf, scriptPath, startNode } from './load-support/processes.js';

const CONNECTIONS = 10_000;
const SECONDS = 15;
const RATE_PER_SEC = 20_000;
const AIM_MB = 200;
const MB = 1024 * 1024;

export const loadMemorySection: BenchSection = {
  name: 'load-memory',
  description: `peak RSS of generator and reference server with ${CONNECTIONS} connections`,
  async run(): Promise<BenchResult> {
    const server = startNode(scriptPath('reference-server'), []);
    try {
      const port = await portOf(server);
      const run = await runGenerator(port, [
        '-c',
        String(CONNECTIONS),
        '-d',
        String(SECONDS),
        '-w',
        'chat',
        '-R',
        String(RATE_PER_SEC),
        '--connect-concurrency',
        '1000',
        '--timeout',
        '30000',
      ]);
      const r = run.report;
      const generatorMb = run.peakRssBytes / MB;
      const serverMb = server.peakRssBytes() / MB;
      const logins = r.commands.auth?.ok ?? 0;
      return {
        section: 'load-memory',
        figures: [
          { name: 'connections logged in', value: logins, unit: `of ${CONNECTIONS}` },
          { name: 'generator peak RSS', value: round(generatorMb, 1), unit: 'MB' },
          { name: 'reference server peak RSS', value: round(serverMb, 1), unit: 'MB' },
          { name: 'throughput', value: Math.round(run.repliesPerSec), unit: 'req/s' },
          { name: 'p99 latency (corrected)', value: round(r.latency.p99, 2), unit: 'ms' },
        ],
        summary: [
          `chatspec load -c ${CONNECTIONS} -d ${SECONDS} -w chat -R ${RATE_PER_SEC} --connect-concurrency 1000; ulimit -n 20000 per process`,
          `outcomes: ${JSON.stringify(r.outcomes)}`,
          `connects: ${r.connects.ok} ok, ${r.connects.failed} failed; the generator's connections in ${r.workers === 0 ? 'its main thread' : `${r.workers} worker thread(s)`} (--workers auto)`,
          `aim: every connection logged in, both peaks under ${AIM_MB} MB`,
        ],
        metAim: logins === CONNECTIONS && generatorMb < AIM_MB && serverMb < AIM_MB,
      };
    } finally {
      await server.stop();
    }
  },
};
