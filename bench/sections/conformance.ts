/**
 * `npm run bench -- conformance` (issue 3): how long the whole built-in suite takes against
 * the embedded reference server, i.e. the work of `npm start` after the build. The baseline,
 * measured side by side, is the wire floor of the same run: as many connections and round
 * trips as the suite made (its set-up's included), done by the simplest client one would write (a small auth line,
 * wait for CRLF CRLF, next). The ratio says how much the suite costs beyond bare round trips:
 * its payloads (a 1 MiB file, a 17 MiB over-long line), its deliberate pauses (one byte per
 * packet, split characters) and the harness itself. Aim (issue 20): the suite at most twice
 * the floor, every scenario PASS; the older aim (the suite under 2 s) is shown beside it.
 * Beside the times, the CPU time of this process (harness and embedded server together) per
 * run of each (issue 20), steadier than elapsed time on a shared machine, and where a run's
 * time goes: set-up before the first scenario (options, preflight, groups), the scenarios,
 * and what lies between them (the health probes).
 */
import { connect } from 'node:net';
import { tcpDialer, type Dialer } from '../../net/index.js';
import { startServer } from '../../reference-server/index.js';
import { runConformance } from '../../harness/index.js';
import { type RunResult } from '../../results/index.js';
import type { BenchResult, BenchSection } from '../section.js';

const RUNS = 5;

/** CPU time (user + system) this process spends in `run`, with its elapsed time. */
async function measured<T>(
  run: () => Promise<T>,
): Promise<{ value: T; elapsedMs: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const spent = process.cpuUsage(cpu);
  return {
    value,
    elapsedMs: performance.now() - started,
    cpuMs: (spent.user + spent.system) / 1000,
  };
}

const list = (values: readonly number[]): string => values.map((v) => Math.round(v)).join(', ');
/** The aim: the suite at most this many times the wire floor of the same run. */
const AIM_RATIO = 2;
/** The older aim, kept as a line: the whole suite under this. */
const OLD_AIM_MS = 2000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Connections opened and request lines sent by a run: the scenarios' own, read from their
 * transcripts, and the rest counted by the dialer: the set-up's (the first connection, which
 * sends nothing, the preflight's and the groups' requests, one each) and the health probes'
 * (one connection and one request each).
 */
function wireWork(result: RunResult, dials: number): { connections: number; requests: number } {
  let connections = 0;
  let requests = 0;
  for (const s of result.scenarios) {
    for (const e of s.transcript) {
      if (e.direction === 'event' && e.text === 'connected') connections++;
      if (e.direction === 'sent') requests += (e.text.match(/\n/g) ?? []).length;
    }
  }
  const others = Math.max(0, dials - connections);
  return { connections: connections + others, requests: requests + Math.max(0, others - 1) };
}

const MIB = 1024 * 1024;

/**
 * Whether a scenario spends time on purpose, beyond round trips: it writes a request in pieces
 * kept apart (reassembly), floods an over-long line, or moves a payload of a mebibyte or more.
 * No client, however bare, does that work in less.
 */
function deliberate(scenario: RunResult['scenarios'][number]): boolean {
  return scenario.transcript.some(
    (e) =>
      (e.direction === 'event' && /^(pieces of|two pieces|flood:)/.test(e.text)) ||
      (e.direction !== 'event' && e.bytes >= MIB),
  );
}

/** A dialer that counts its dials while `counting` is on. */
function countingDialer(inner: Dialer): Dialer & { count: number; counting: boolean } {
  const counted = {
    address: inner.address,
    count: 0,
    counting: false,
    dial: (timeoutMs: number) => {
      if (counted.counting) counted.count++;
      return inner.dial(timeoutMs);
    },
  };
  return counted;
}

/** The floor: `requests` auth round trips spread over `connections` sequential connections. */
async function roundTrips(port: number, connections: number, requests: number): Promise<number> {
  const line = Buffer.from('auth messi surabaya \r\n');
  const started = performance.now();
  let left = requests;
  for (let c = 0; c < connections; c++) {
    const here = Math.ceil(left / (connections - c));
    left -= here;
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.setNoDelay(true);
      let pending = here;
      let buffered = '';
      socket.on('error', reject);
      socket.on('connect', () => (pending > 0 ? socket.write(line) : socket.end()));
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        while (buffered.includes('\r\n\r\n')) {
          buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
          if (--pending > 0) socket.write(line);
          else socket.end();
        }
      });
      socket.on('close', () => resolve());
    });
  }
  return performance.now() - started;
}

export const conformanceSection: BenchSection = {
  name: 'conformance',
  description: 'the full built-in conformance suite against the embedded reference server',
  async run(): Promise<BenchResult> {
    const server = await startServer({ host: '127.0.0.1', port: 0 });
    try {
      const dialer = countingDialer(tcpDialer('127.0.0.1', server.port));
      const target = { dialer };
      // Warm-up, not counted: JIT, the scenario files' first load.
      await runConformance(target);
      const suite: number[] = [];
      const floor: number[] = [];
      const suiteCpu: number[] = [];
      const floorCpu: number[] = [];
      const phases = { setup: [] as number[], scenarios: [] as number[], between: [] as number[] };
      let last: RunResult | undefined;
      const works: { connections: number; requests: number }[] = [];
      /** Each run's time less its deliberate scenarios' (pieces, floods, big payloads). */
      const rest: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let firstAtMs = 0;
        const started = performance.now();
        // Every dial of the run: the set-up's, the scenarios' and the health probes'.
        dialer.count = 0;
        dialer.counting = true;
        const run = await measured(() =>
          runConformance({
            ...target,
            onStart: () => (firstAtMs = performance.now()),
          }),
        );
        dialer.counting = false;
        last = run.value;
        const work = wireWork(last, dialer.count);
        works.push(work);
        suite.push(run.elapsedMs);
        suiteCpu.push(run.cpuMs);
        const inScenarios = last.scenarios.reduce((sum, s) => sum + s.durationMs, 0);
        rest.push(
          run.elapsedMs -
            last.scenarios.filter(deliberate).reduce((sum, s) => sum + s.durationMs, 0),
        );
        phases.setup.push(firstAtMs - started);
        phases.scenarios.push(inScenarios);
        phases.between.push(started + run.elapsedMs - firstAtMs - inScenarios);
        const bare = await measured(() => roundTrips(server.port, work.connections, work.requests));
        floor.push(bare.elapsedMs);
        floorCpu.push(bare.cpuMs);
      }
      const result = last!;
      const work = works.at(-1)!;
      const allPass = result.summary.PASS === result.scenarios.length;
      const suiteMs = median(suite);
      const floorMs = median(floor);
      const ratio = Math.round((suiteMs / floorMs) * 10) / 10;
      const restMs = median(rest);
      const deliberateIds = result.scenarios.filter(deliberate).map((s) => s.id);
      const slowest = [...result.scenarios]
        .sort((a, b) => b.durationMs - a.durationMs)
        .slice(0, 5)
        .map((s) => `${s.id} ${Math.round(s.durationMs)} ms`);
      return {
        section: 'conformance',
        figures: [
          { name: 'scenarios', value: result.scenarios.length, unit: '' },
          { name: 'full suite (median)', value: Math.round(suiteMs), unit: 'ms' },
          { name: 'wire floor, same round trips (median)', value: Math.round(floorMs), unit: 'ms' },
          {
            name: 'ratio suite / floor',
            value: ratio,
            unit: 'x',
          },
          {
            name: `suite less its ${deliberateIds.length} deliberate scenarios (median)`,
            value: Math.round(restMs),
            unit: 'ms',
          },
          {
            name: 'ratio suite less deliberate scenarios / floor',
            value: Math.round((restMs / floorMs) * 10) / 10,
            unit: 'x',
          },
          { name: 'suite CPU per run (median)', value: Math.round(median(suiteCpu)), unit: 'ms' },
          { name: 'floor CPU per run (median)', value: Math.round(median(floorCpu)), unit: 'ms' },
          {
            name: 'CPU ratio suite / floor',
            value: Math.round((median(suiteCpu) / median(floorCpu)) * 10) / 10,
            unit: 'x',
          },
        ],
        summary: [
          `${RUNS} runs after a warm-up, server and harness in one process (as npm start runs them)`,
          `suite runs: ${suite.map((v) => Math.round(v)).join(', ')} ms; ${result.summary.PASS}/${result.scenarios.length} PASS`,
          `floor: ${work.connections} connections, ${work.requests} auth round trips: ${floor.map((v) => Math.round(v)).join(', ')} ms`,
          `CPU per run (harness and server): suite ${list(suiteCpu)} ms, floor ${list(floorCpu)} ms`,
          `suite time: set-up ${list(phases.setup)} ms; scenarios ${list(phases.scenarios)} ms; between them (health probes) ${list(phases.between)} ms`,
          `slowest scenarios: ${slowest.join(', ')}`,
          `deliberate scenarios (pieces kept apart, floods, payloads of 1 MiB or more): ${deliberateIds.join(', ')}; the suite less them: ${list(rest)} ms`,
          `aim: the suite at most ${AIM_RATIO}x the wire floor (now ${ratio}x) with every scenario PASS (${result.summary.PASS}/${result.scenarios.length})`,
          `older aim: the whole suite under ${OLD_AIM_MS} ms (${suiteMs < OLD_AIM_MS ? 'met' : 'not met'})`,
        ],
        metAim: allPass && suiteMs / floorMs <= AIM_RATIO,
      };
    } finally {
      await server.close();
    }
  },
};
