/**
 * `npm run bench -- load-scale` (issue 20, figure 4): how the memory per connection grows from
 * 10,000 connections to 50,000. The generator runs with 2 worker threads and connects from
 * four loopback addresses (--local-address 127.0.0.2-127.0.0.5): one address has about 28,000
 * ephemeral ports toward the server's one address and port. Each count runs the chat workload
 * as an open loop of one request per connection every 20 s for 60 s (50,000 connections then
 * ask 2,500 requests a second of a 2-core machine, and take some 30 s to open and log in on
 * one), connections opened 2,000 at a time (under the server's listen backlog of 4,096; the
 * server logs them in between the established ones' requests). Both processes get an
 * open-file limit of the count plus room; a process cannot raise it past its hard limit
 * (raising that needs CAP_SYS_RESOURCE), so where the hard limit is lower, the largest count
 * one process allows is run too, and 50,000 run as several generator shards (`--shard i/n`,
 * the same flags), each against its own reference server, as a run too big for one
 * machine's process would be spread.
 *
 * Figures: each side's peak RSS (VmHWM) and its cost per 1,000 connections: peak RSS less the
 * same process idle (the server before any connection, the generator in a run of 2), summed
 * over the processes of a spread run.
 */
import type { BenchFigure, BenchResult, BenchSection } from '../section.js';
import { round } from '../figures.js';
import { runGenerator } from './load-support/generator.js';
import { openFilesHardLimit, portOf, scriptPath, startNode } from './load-support/processes.js';

const WANTED = 50_000;
const FIRST = 10_000;
/** Open files beyond the sockets: node's own, the workers', the probe's. */
const ROOM = 500;
const SECONDS = 60;
/** Each connection sends one request every this many seconds. */
const REQUEST_EVERY_S = 20;
const WORKERS = 2;
const LOCAL_ADDRESSES = '127.0.0.2-127.0.0.5';
const MB = 1024 * 1024;

interface Step {
  readonly connections: number;
  /** Generator processes (and servers) the count was spread over. */
  readonly processes: number;
  readonly loggedIn: number;
  readonly connectsFailed: number;
  /** Peak RSS summed over the step's generator processes. */
  readonly generatorPeakMb: number;
  /** The largest one process reached. */
  readonly generatorLargestMb: number;
  readonly serverPeakMb: number;
  readonly serverLargestMb: number;
  readonly serverIdleMb: number;
  readonly problems: string;
}

function generatorArgs(connections: number, seconds = SECONDS): string[] {
  return [
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-w',
    'chat',
    '-R',
    String(Math.ceil(connections / REQUEST_EVERY_S)),
    '--workers',
    String(WORKERS),
    '--local-address',
    LOCAL_ADDRESSES,
    '--connect-concurrency',
    '2000',
    '--timeout',
    '30000',
  ];
}

/**
 * One count of connections, run by `processes` generator processes (`--shard i/P`, the same
 * flags), each against its own reference server: where one process may hold fewer open files
 * than the count needs, the run is spread over as many process pairs as it takes, and the
 * figures are their sums.
 */
async function step(connections: number, processes: number, openFiles: number): Promise<Step> {
  const servers = Array.from({ length: processes }, () =>
    startNode(scriptPath('reference-server'), [], openFiles),
  );
  try {
    const ports = await Promise.all(servers.map((s) => portOf(s)));
    const serverIdleMb = servers.reduce((sum, s) => sum + s.rssBytes(), 0) / MB;
    const shard = (i: number): string[] => (processes > 1 ? ['--shard', `${i}/${processes}`] : []);
    const runs = await Promise.all(
      ports.map((port, i) =>
        runGenerator(port, [...generatorArgs(connections), ...shard(i)], openFiles),
      ),
    );
    return {
      connections,
      processes,
      loggedIn: sum(runs.map((r) => r.report.commands.auth?.ok ?? 0)),
      connectsFailed: sum(runs.map((r) => r.report.connects.failed)),
      generatorPeakMb: sum(runs.map((r) => r.peakRssBytes)) / MB,
      generatorLargestMb: Math.max(...runs.map((r) => r.peakRssBytes)) / MB,
      serverPeakMb: sum(servers.map((s) => s.peakRssBytes())) / MB,
      serverLargestMb: Math.max(...servers.map((s) => s.peakRssBytes())) / MB,
      serverIdleMb,
      problems: runs
        .flatMap((r) => r.report.problems)
        .slice(0, 3)
        .map((p) => `${p.text} (${p.count})`)
        .join('; '),
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The generator's peak RSS in a run of 2 connections with the same flags: its fixed part. */
async function generatorIdleMb(): Promise<number> {
  const server = startNode(scriptPath('reference-server'), []);
  try {
    const port = await portOf(server);
    return (await runGenerator(port, generatorArgs(WORKERS, 2))).peakRssBytes / MB;
  } finally {
    await server.stop();
  }
}

function perThousand(peakMb: number, idleMb: number, connections: number): number {
  return round(((peakMb - idleMb) * 1000) / connections, 2);
}

export const loadScaleSection: BenchSection = {
  name: 'load-scale',
  description: `memory per connection at ${FIRST} and ${WANTED} connections (workers, local addresses)`,
  async run(): Promise<BenchResult> {
    const hardLimit = openFilesHardLimit();
    const openFiles = Math.min(WANTED + ROOM, hardLimit);
    /** The most connections one process (generator or server) can hold here. */
    const perProcess = Math.min(WANTED, openFiles - ROOM);
    const plan: { connections: number; processes: number }[] = [
      { connections: FIRST, processes: 1 },
    ];
    if (perProcess < WANTED) plan.push({ connections: perProcess, processes: 1 });
    plan.push({ connections: WANTED, processes: Math.ceil(WANTED / perProcess) });
    const generatorIdle = await generatorIdleMb();
    const steps: Step[] = [];
    for (const p of plan) steps.push(await step(p.connections, p.processes, openFiles));
    const figures: BenchFigure[] = [
      { name: 'generator idle (2 connections)', value: round(generatorIdle, 1), unit: 'MB' },
    ];
    for (const s of steps) {
      const at =
        `at ${s.connections}` + (s.processes > 1 ? ` (${s.processes} processes a side)` : '');
      const summed = s.processes > 1 ? ', summed' : '';
      figures.push(
        { name: `logged in ${at}`, value: s.loggedIn, unit: `of ${s.connections}` },
        {
          name: `generator peak RSS ${at}${summed}`,
          value: round(s.generatorPeakMb, 1),
          unit: 'MB',
        },
        {
          name: `generator per 1,000 connections ${at}`,
          value: perThousand(s.generatorPeakMb, generatorIdle * s.processes, s.connections),
          unit: 'MB',
        },
        { name: `server peak RSS ${at}${summed}`, value: round(s.serverPeakMb, 1), unit: 'MB' },
        {
          name: `server per 1,000 connections ${at}`,
          value: perThousand(s.serverPeakMb, s.serverIdleMb, s.connections),
          unit: 'MB',
        },
      );
      if (s.processes > 1) {
        figures.push(
          {
            name: `largest generator process ${at}`,
            value: round(s.generatorLargestMb, 1),
            unit: 'MB',
          },
          { name: `largest server process ${at}`, value: round(s.serverLargestMb, 1), unit: 'MB' },
        );
      }
    }
    const largest = steps.at(-1)!;
    const spread =
      largest.processes > 1
        ? [
            `one process holds at most ${perProcess} here: the open-files hard limit is ${hardLimit} and raising it needs CAP_SYS_RESOURCE; ${WANTED} connections ran as ${largest.processes} generator shards (--shard i/n, the same flags), each against its own reference server`,
          ]
        : [];
    return {
      section: 'load-scale',
      figures,
      summary: [
        `chatspec load -c N -d ${SECONDS} -w chat -R N/${REQUEST_EVERY_S} --workers ${WORKERS} --local-address ${LOCAL_ADDRESSES} --connect-concurrency 2000; ulimit -n ${openFiles} per process`,
        ...steps.map(
          (s) =>
            `${s.connections}: not logged in at the end ${s.connections - s.loggedIn}, connects failed ${s.connectsFailed}; server idle ${round(s.serverIdleMb, 1)} MB${s.problems ? `; problems: ${s.problems}` : ''}`,
        ),
        ...spread,
        `aim: ${WANTED} connections held, every one logged in`,
      ],
      metAim: steps.every((s) => s.loggedIn === s.connections),
    };
  },
};
