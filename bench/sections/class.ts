/**
 * `npm run bench -- class`: a class of 40 servers like those of the course
 * (protocol-facts.md, "Servers in the wild"), tested with `chatspec test --targets` and the
 * default settings. Each server reproduces a kind of real server with defects of the
 * catalogue or is started with a `--profile` (course-template, seed-group): pipelined
 * requests never answered, bare LF never answered, a split character that kills the
 * handler, an unknown command that hangs the connection, missing commands, error texts of
 * its own; so each run has several scenarios that end in a silence, and each
 * silence costs a whole reply timeout. Baseline, side by side: the same class of 40 clean
 * servers; and the sequential sum of the 40 runs (what a shell loop would take).
 * Aim: the wild class in under 120 s on this machine.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult, BenchSection } from '../section.js';
import { CLI_PATH, startNode } from './load-support/processes.js';

const SERVERS = 40;
const AIM_MS = 120_000;
interface ServerKind {
  readonly profile?: string;
  readonly defects: readonly string[];
}

/**
 * Kinds of servers in the wild: the reference server's profiles of the course template and
 * the seed group's server, and combinations of catalogue defects (one line decoder each).
 */
const WILD_KINDS: readonly ServerKind[] = [
  { profile: 'course-template', defects: [] },
  { profile: 'seed-group', defects: [] },
  { defects: ['first-request-only', 'unknown-session-informasi', 'hangs-on-unknown-command'] },
  { defects: ['requires-crlf', 'wrong-error-text', 'missing-send-group-file'] },
  { defects: ['utf8-per-packet', 'closes-on-missing-params', 'hangs-on-unknown-command'] },
];

function scriptUrl(name: string): string {
  return new URL(`./class-support/${name}.js`, import.meta.url).pathname;
}

interface ClassRun {
  readonly wallMs: number;
  readonly sumMs: number;
  readonly slowestMs: number;
  readonly servers: number;
  readonly errors: number;
}

async function classRun(sets: readonly ServerKind[], label: string): Promise<ClassRun> {
  const farm = startNode(scriptUrl('farm'), [JSON.stringify(sets)]);
  const dir = await mkdtemp(join(tmpdir(), `chatspec-bench-class-${label}-`));
  try {
    const deadline = Date.now() + 60_000;
    let ports: number[] | undefined;
    while (Date.now() < deadline && ports === undefined) {
      const match = /PORTS (\[.*\])/.exec(farm.stdout());
      if (match) ports = JSON.parse(match[1]!) as number[];
      else await new Promise((r) => setTimeout(r, 50));
    }
    if (ports === undefined) throw new Error(`the server farm did not start: ${farm.stderr()}`);
    const targets = join(dir, 'targets.json');
    await writeFile(
      targets,
      JSON.stringify(ports.map((port, i) => ({ name: `s${i + 1}`, address: `127.0.0.1:${port}` }))),
    );
    const started = performance.now();
    const cli = startNode(CLI_PATH, [
      'test',
      '--targets',
      targets,
      '--reporter',
      'json',
      '--out',
      join(dir, 'out'),
      '--no-progress',
    ]);
    const timer = setTimeout(() => cli.process.kill('SIGKILL'), 15 * 60_000);
    const code = await cli.exited;
    clearTimeout(timer);
    const wallMs = performance.now() - started;
    if (code !== 0 && code !== 1) throw new Error(`chatspec test exited ${code}: ${cli.stderr()}`);
    const matrix = JSON.parse(await readFile(join(dir, 'out', 'matrix.json'), 'utf8')) as {
      servers: Array<{ durationMs?: number; error?: string }>;
    };
    const durations = matrix.servers.map((s) => s.durationMs ?? 0);
    return {
      wallMs,
      sumMs: durations.reduce((a, b) => a + b, 0),
      slowestMs: Math.max(...durations),
      servers: matrix.servers.length,
      errors: matrix.servers.filter((s) => s.error !== undefined).length,
    };
  } finally {
    await farm.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

export const classSection: BenchSection = {
  name: 'class',
  description: `a class of ${SERVERS} servers in the wild, chatspec test --targets with default settings`,
  async run(): Promise<BenchResult> {
    const wildSets = Array.from({ length: SERVERS }, (_, i) => WILD_KINDS[i % WILD_KINDS.length]!);
    const wild = await classRun(wildSets, 'wild');
    const clean = await classRun(
      Array.from({ length: SERVERS }, () => ({ defects: [] })),
      'clean',
    );
    const metAim = wild.wallMs < AIM_MS && wild.errors === 0 && clean.errors === 0;
    return {
      section: 'class',
      figures: [
        { name: 'wild class, wall time', value: seconds(wild.wallMs), unit: 's' },
        {
          name: 'wild class, sum of the runs (a shell loop)',
          value: seconds(wild.sumMs),
          unit: 's',
        },
        { name: 'wild class, slowest single run', value: seconds(wild.slowestMs), unit: 's' },
        { name: 'clean class, wall time', value: seconds(clean.wallMs), unit: 's' },
        {
          name: 'wild wall / clean wall',
          value: Math.round((wild.wallMs / clean.wallMs) * 100) / 100,
          unit: '×',
        },
        {
          name: 'wild sum / wild wall (parallel speed-up)',
          value: Math.round((wild.sumMs / wild.wallMs) * 10) / 10,
          unit: '×',
        },
      ],
      summary: [
        `${wild.servers} wild servers (${WILD_KINDS.length} kinds, each with several silences) in ${seconds(wild.wallMs)} s; ` +
          `the same runs one after another would take ${seconds(wild.sumMs)} s`,
        `baseline: ${clean.servers} clean servers in ${seconds(clean.wallMs)} s`,
        `aim: the wild class under ${AIM_MS / 1000} s with no server in ERROR for want of time`,
      ],
      metAim,
    };
  },
};
