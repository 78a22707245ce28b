/**
 * `npm run bench -- fuzz` (issue 5): how fast the fuzzer drives a server, and what it
 * catches. Throughput is fuzz commands per second against the embedded reference server
 * (server and fuzzer in one process, as `chatspec fuzz` runs them), at the CI setting and at
 * long sequences. The baseline, measured side by side, is the wire floor: the same number
 * of requests, one at a time, by the simplest client one would write; the ratio is what
 * generating, modelling, judging and learning cost on top of bare round trips. Then the
 * reference server's defect catalogue is swept: each defect is fuzzed (sequential, framing,
 * parallel, 200 cases each) until one mode catches it. Aim: at least 5,000 commands/s at
 * the CI setting, and the clean server passes.
 */
import { tcpDialer } from '../../net/index.js';
import { connect } from 'node:net';
import { runFuzz } from '../../harness/fuzz/engine.js';
import { resolveFuzzOptions } from '../../harness/fuzz/options.js';
import type { FuzzMode } from '../../results/fuzz.js';
import type { FuzzResult } from '../../results/fuzz.js';
import { DEFECTS, startServer, type Defect } from '../../reference-server/index.js';
import { catchingVerdicts, mutationSpec } from '../mutation/score.js';
import { median } from '../figures.js';
import type { BenchResult, BenchSection } from '../section.js';

const AIM_COMMANDS_PER_SEC = 5000;
const ROUNDS = 3;
const CI = { runs: 200, maxCommands: 40 } as const;
const LONG = { runs: 50, maxCommands: 200 } as const;
const SWEEP_RUNS = 200;
const SWEEP_TIMEOUT_MS = 500;
const SWEEP_SHRINK_MS = 10_000;
const SWEEP_CONCURRENCY = 4;

function campaign(port: number, mode: FuzzMode, runs: number, maxCommands: number, seed: number) {
  return runFuzz(
    resolveFuzzOptions({
      mode,
      target: { dialer: tcpDialer('127.0.0.1', port) },
      runs,
      maxCommands,
      seed,
    }),
  );
}

/** The floor: `requests` auth round trips, one at a time, on one connection. */
function roundTrips(port: number, requests: number): Promise<number> {
  const line = Buffer.from('auth messi surabaya \r\n');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    let pending = requests;
    let buffered = '';
    socket.on('error', reject);
    socket.on('connect', () => socket.write(line));
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        if (--pending > 0) socket.write(line);
        else socket.end();
      }
    });
    socket.on('close', () => resolve(performance.now() - started));
  });
}

interface Throughput {
  readonly commandsPerSec: number;
  readonly requestsPerSec: number;
  readonly floorRequestsPerSec: number;
  readonly passed: boolean;
  readonly last: FuzzResult;
}

async function throughput(port: number, runs: number, maxCommands: number): Promise<Throughput> {
  const commands: number[] = [];
  const requests: number[] = [];
  const floor: number[] = [];
  let passed = true;
  let last: FuzzResult | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    last = await campaign(port, 'sequential', runs, maxCommands, 1000 + round);
    passed &&= last.passed;
    commands.push(last.stats.commandsPerSec);
    requests.push(last.stats.requestsPerSec);
    const floorMs = await roundTrips(port, last.stats.requests);
    floor.push((last.stats.requests * 1000) / floorMs);
  }
  return {
    commandsPerSec: Math.round(median(commands)),
    requestsPerSec: Math.round(median(requests)),
    floorRequestsPerSec: Math.round(median(floor)),
    passed,
    last: last!,
  };
}

interface Sweep {
  readonly defect: string;
  readonly caughtBy?: string;
}

/** Fuzzes one defect, mode after mode, until one catches it. */
async function sweepDefect(defect: Defect): Promise<Sweep> {
  const catching = catchingVerdicts(defect);
  for (const mode of ['sequential', 'framing', 'parallel'] as const) {
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      defects: [mutationSpec(defect, SWEEP_TIMEOUT_MS)],
    });
    try {
      const result = await runFuzz(
        resolveFuzzOptions({
          mode,
          target: { dialer: tcpDialer('127.0.0.1', server.port) },
          runs: SWEEP_RUNS,
          seed: 1,
          timeoutMs: SWEEP_TIMEOUT_MS,
          shrinkTimeMs: SWEEP_SHRINK_MS,
        }),
      );
      const failure = result.failure;
      if (failure !== undefined && catching.has(failure.verdict)) {
        return {
          defect: defect.name,
          caughtBy: `${mode} ${failure.verdict} ${failure.requirement ?? ''}`.trim(),
        };
      }
      const noted = result.notes.find((n) => catching.has(n.verdict));
      if (noted !== undefined) {
        return {
          defect: defect.name,
          caughtBy: `${mode} ${noted.verdict} ${noted.requirement ?? ''} ×${noted.count}`.trim(),
        };
      }
    } catch (error) {
      return {
        defect: defect.name,
        caughtBy: `${mode}: stopped before fuzzing (${(error as Error).message.slice(0, 60)})`,
      };
    } finally {
      await server.close();
    }
  }
  return { defect: defect.name };
}

async function sweep(): Promise<Sweep[]> {
  const results: Sweep[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: SWEEP_CONCURRENCY }, async () => {
      while (next < DEFECTS.length) {
        const defect = DEFECTS[next++]!;
        results.push(await sweepDefect(defect));
      }
    }),
  );
  const order = new Map(DEFECTS.map((d, i) => [d.name, i]));
  return results.sort((a, b) => order.get(a.defect)! - order.get(b.defect)!);
}

export const fuzzSection: BenchSection = {
  name: 'fuzz',
  description:
    'fuzzing throughput against the embedded reference server, and the defect catalogue swept',
  async run(): Promise<BenchResult> {
    const server = await startServer({ host: '127.0.0.1', port: 0 });
    let ci: Throughput;
    let long: Throughput;
    let parallel: FuzzResult;
    let framing: FuzzResult;
    try {
      // Warm-up, not counted: JIT and the first connections.
      await campaign(server.port, 'sequential', 50, CI.maxCommands, 1);
      ci = await throughput(server.port, CI.runs, CI.maxCommands);
      long = await throughput(server.port, LONG.runs, LONG.maxCommands);
      parallel = await campaign(server.port, 'parallel', 200, 15, 2);
      framing = await campaign(server.port, 'framing', 200, 8, 3);
    } finally {
      await server.close();
    }
    const swept = await sweep();
    const missed = swept.filter((s) => s.caughtBy === undefined).map((s) => s.defect);
    const width = Math.max(...swept.map((s) => s.defect.length));
    const clean = ci.passed && long.passed && parallel.passed && framing.passed;
    return {
      section: 'fuzz',
      figures: [
        {
          name: `sequential, --max-commands ${CI.maxCommands} (CI), median of ${ROUNDS}`,
          value: ci.commandsPerSec,
          unit: 'commands/s',
        },
        {
          name: `sequential, --max-commands ${LONG.maxCommands}, median of ${ROUNDS}`,
          value: long.commandsPerSec,
          unit: 'commands/s',
        },
        {
          name: 'wire floor, one request at a time',
          value: ci.floorRequestsPerSec,
          unit: 'requests/s',
        },
        {
          name: 'ratio floor / fuzzer requests (CI)',
          value: Math.round((ci.floorRequestsPerSec / ci.requestsPerSec) * 10) / 10,
          unit: 'x',
        },
        {
          name: 'parallel, 200 cases of 15',
          value: parallel.stats.commandsPerSec,
          unit: 'commands/s',
        },
        {
          name: 'framing, 200 streams of 8',
          value: framing.stats.commandsPerSec,
          unit: 'chunks/s',
        },
        {
          name: 'defects caught by fuzzing',
          value: swept.length - missed.length,
          unit: `of ${swept.length}`,
        },
      ],
      summary: [
        `CI setting: ${CI.runs} cases × up to ${CI.maxCommands} commands: ${ci.last.stats.commands} commands and ${ci.last.stats.requests} requests (learning included) in ${ci.last.stats.durationMs} ms; fuzzer ${ci.requestsPerSec} requests/s against a floor of ${ci.floorRequestsPerSec}`,
        `long sequences: ${LONG.runs} cases × up to ${LONG.maxCommands}: ${long.last.stats.commands} commands in ${long.last.stats.durationMs} ms`,
        `parallel: ${parallel.stats.runs} cases in ${parallel.stats.durationMs} ms; framing: ${framing.stats.runs} streams in ${framing.stats.durationMs} ms`,
        `clean server: ${clean ? 'no failure in any mode' : 'a failure was found (see chatspec fuzz)'}`,
        `defect catalogue, ${SWEEP_RUNS} cases per mode, --timeout ${SWEEP_TIMEOUT_MS}: ${swept.length - missed.length}/${swept.length} caught${missed.length > 0 ? `; not caught: ${missed.join(', ')}` : ''}`,
        ...swept.map((s) => `  ${s.defect.padEnd(width)}  ${s.caughtBy ?? 'NOT CAUGHT'}`),
        `aim: at least ${AIM_COMMANDS_PER_SEC} commands/s at the CI setting, and the clean server passes`,
      ],
      metAim: ci.commandsPerSec >= AIM_COMMANDS_PER_SEC && clean,
    };
  },
};
