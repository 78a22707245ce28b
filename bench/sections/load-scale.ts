/**
 * `npm run bench -- load-scale` (issue 20, figure 4): how the memory per connection grows from
 * 10,000 connections to 50,000. The generator runs with 2 worker threads and connects from
 * four loopback addresses (--local-address 127.0.0.2-127.0.0.5): one address has about 28,000
 * ephemeral ports toward the server's one address and port. Each count runs the chat workload
 * as an open loop of one request per connection every 4 s for 20 s, connections opened 2,000
 * at a time (under the server's listen backlog of 4,096; the server logs them in between the
 * established ones' requests). Both processes get an open-file limit of the count plus room; a process cannot
 * raise it past its hard limit (raising that needs CAP_SYS_RESOURCE), so where the hard limit
 * is lower the largest count is what it allows, and the summary says so.
 *
 * Figures: each side's peak RSS (VmHWM) and its cost per 1,000 connections: peak RSS less the
 * same process idle (the server before any connection, the generator in a run of 2).
 */
import type { BenchFigure, BenchResult, BenchSection } from '../section.js';
import { round, runGenerator } from './load-support/generator.js';
import { openFilesHardLimit, portOf, scriptPath, startNode } from './load-support/processes.js';

const WANTED = 50_000;
const FIRST = 10_000;
/** Open files beyond the sockets: node's own, the workers', the probe's. */
const ROOM = 500;
const SECONDS = 20;
const WORKERS = 2;
const LOCAL_ADDRESSES = '127.0.0.2-127.0.0.5';
const MB = 1024 * 1024;

interface Step {
  readonly connections: number;
  readonly loggedIn: number;
  readonly connectsFailed: number;
  readonly generatorPeakMb: number;
  readonly serverPeakMb: number;
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
    String(Math.ceil(connections / 4)),
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

async function step(connections: number, openFiles: number): Promise<Step> {
  const server = startNode(scriptPath('reference-server'), [], openFiles);
  try {
    const port = await portOf(server);
    const serverIdleMb = server.rssBytes() / MB;
    const run = await runGenerator(port, generatorArgs(connections), openFiles);
    const r = run.report;
    return {
      connections,
      loggedIn: r.commands.auth?.ok ?? 0,
      connectsFailed: r.connects.failed,
      generatorPeakMb: run.peakRssBytes / MB,
      serverPeakMb: server.peakRssBytes() / MB,
      serverIdleMb,
      problems: r.problems
        .slice(0, 3)
        .map((p) => `${p.text} (${p.count})`)
        .join('; '),
    };
  } finally {
    await server.stop();
  }
}

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
    const largest = Math.min(WANTED, openFiles - ROOM);
    const generatorIdle = await generatorIdleMb();
    const steps: Step[] = [];
    for (const connections of [FIRST, largest]) steps.push(await step(connections, openFiles));
    const figures: BenchFigure[] = [
      { name: 'generator idle (2 connections)', value: round(generatorIdle, 1), unit: 'MB' },
    ];
    for (const s of steps) {
      const at = `at ${s.connections}`;
      figures.push(
        { name: `logged in ${at}`, value: s.loggedIn, unit: `of ${s.connections}` },
        { name: `generator peak RSS ${at}`, value: round(s.generatorPeakMb, 1), unit: 'MB' },
        {
          name: `generator per 1,000 connections ${at}`,
          value: perThousand(s.generatorPeakMb, generatorIdle, s.connections),
          unit: 'MB',
        },
        { name: `server peak RSS ${at}`, value: round(s.serverPeakMb, 1), unit: 'MB' },
        {
          name: `server per 1,000 connections ${at}`,
          value: perThousand(s.serverPeakMb, s.serverIdleMb, s.connections),
          unit: 'MB',
        },
      );
    }
    const capped =
      largest < WANTED
        ? [
            `capped at ${largest}: the open-files hard limit is ${hardLimit} per process and ${WANTED} connections need ${WANTED + ROOM}; raising it needs CAP_SYS_RESOURCE`,
          ]
        : [];
    return {
      section: 'load-scale',
      figures,
      summary: [
        `chatspec load -c N -d ${SECONDS} -w chat -R N/4 --workers ${WORKERS} --local-address ${LOCAL_ADDRESSES} --connect-concurrency 2000; ulimit -n ${openFiles} per process`,
        ...steps.map(
          (s) =>
            `${s.connections}: not logged in at the end ${s.connections - s.loggedIn}, connects failed ${s.connectsFailed}; server idle ${round(s.serverIdleMb, 1)} MB${s.problems ? `; problems: ${s.problems}` : ''}`,
        ),
        ...capped,
        `aim: ${WANTED} connections held, every one logged in`,
      ],
      metAim: largest === WANTED && steps.every((s) => s.loggedIn === s.connections),
    };
  },
};
