/**
 * `npm run bench -- launched`: a class of 15 course-template servers (Python, the lecturer's
 * template from test/fixtures/servers/) judged by `chatspec grade`, each launched in a network
 * namespace of its own, against the same 15 started by hand on free ports and judged with
 * `chatspec test --targets` at the same width (launched servers are judged one per core).
 * Aim: launching (copy, namespace, agent, the watch, the idle-CPU window, the stop) adds at
 * most 10% to the wall time. Also reported: what the idle-CPU window costs per server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDLE_CPU_WINDOW } from '../../harness/conformance/run/watched.js';
import { isolationAvailable } from '../../launch/index.js';
import type { BenchResult, BenchSection } from '../section.js';
import { CLI_PATH, runToEnd, startNode } from './load-support/processes.js';

const SERVERS = 15;
const AIM_RATIO = 1.1;
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/servers/', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function accepting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`no server on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function classFolder(root: string): Promise<string[]> {
  const dirs: string[] = [];
  for (let i = 1; i <= SERVERS; i++) {
    const dir = join(root, `student-${String(i).padStart(2, '0')}`);
    await mkdir(dir);
    await cp(join(FIXTURES, 'chat.py'), join(dir, 'chat.py'));
    await cp(join(FIXTURES, 'split_char_server.py'), join(dir, 'server.py'));
    dirs.push(dir);
  }
  return dirs;
}

async function timed(args: readonly string[]): Promise<number> {
  const started = performance.now();
  await runToEnd(startNode(CLI_PATH, args), 30 * 60_000).catch((error: Error) => {
    // Exit 1 is a class with findings, which the course template has.
    if (!/exited with 1:/.test(error.message)) throw error;
  });
  return performance.now() - started;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

export const launchedSection: BenchSection = {
  name: 'launched',
  description: `a class of ${SERVERS} launched course servers (chatspec grade) against the same started by hand`,
  async run(): Promise<BenchResult> {
    const isolated = await isolationAvailable();
    const width = isolated ? Math.max(1, availableParallelism()) : 1;
    const root = await mkdtemp(join(tmpdir(), 'chatspec-bench-launched-'));
    const servers: ChildProcess[] = [];
    try {
      const dirs = await classFolder(root);
      const launchedMs = await timed([
        'grade',
        ...dirs,
        '--run',
        'python3 server.py',
        '--reporter',
        'json',
        '--no-progress',
        '--out',
        join(root, 'launched'),
      ]);

      const ports: number[] = [];
      for (const dir of dirs) {
        const port = await freePort();
        servers.push(
          spawn('python3', ['server.py'], {
            cwd: dir,
            env: { ...process.env, PORT: String(port), PYTHONUNBUFFERED: '1' },
            stdio: 'ignore',
          }),
        );
        ports.push(port);
      }
      for (const port of ports) await accepting(port, 10_000);
      const targets = join(root, 'targets.json');
      await writeFile(
        targets,
        JSON.stringify(
          ports.map((port, i) => ({ name: `student-${i + 1}`, address: `127.0.0.1:${port}` })),
        ),
      );
      const byHandMs = await timed([
        'test',
        '--targets',
        targets,
        '--parallel',
        String(width),
        '--reporter',
        'json',
        '--no-progress',
        '--out',
        join(root, 'by-hand'),
      ]);
      const ratio = launchedMs / byHandMs;
      const idleWindowMs = IDLE_CPU_WINDOW.settleMs + IDLE_CPU_WINDOW.windowMs;
      const idleShare = (SERVERS * idleWindowMs) / width / launchedMs;
      return {
        section: 'launched',
        figures: [
          {
            name: 'launched class (chatspec grade), wall time',
            value: seconds(launchedMs),
            unit: 's',
          },
          {
            name: 'started by hand (test --targets), wall time',
            value: seconds(byHandMs),
            unit: 's',
          },
          { name: 'launched / by hand', value: Math.round(ratio * 100) / 100, unit: '×' },
          { name: 'servers judged at once', value: width, unit: '' },
          { name: 'idle-CPU window per server', value: idleWindowMs / 1000, unit: 's' },
          {
            name: "idle-CPU windows' share of the launched wall time",
            value: Math.round(idleShare * 1000) / 10,
            unit: '%',
          },
        ],
        summary: [
          `${SERVERS} course-template servers, ${isolated ? 'each in its own network namespace' : 'without namespaces (unavailable here)'}, ${width} at a time`,
          `launching adds ${Math.round((ratio - 1) * 1000) / 10}% (aim: at most ${Math.round((AIM_RATIO - 1) * 100)}%)`,
        ],
        metAim: ratio <= AIM_RATIO,
      };
    } finally {
      for (const server of servers) server.kill('SIGKILL');
      await rm(root, { recursive: true, force: true });
    }
  },
};
