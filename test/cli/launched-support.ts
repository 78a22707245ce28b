/**
 * chatspec run as a user runs it, with every process it starts recorded along the way (its
 * whole PID tree, sampled while it runs), so a test can check that none outlives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pidtree from 'pidtree';
import { FIXTURES } from '../launch/support.js';
import { BIN, ROOT, type Exit } from './support/run-cli.js';

export interface TrackedRun {
  readonly child: ChildProcess;
  /** Every process seen below chatspec while it ran. */
  readonly seen: Set<number>;
  readonly done: Promise<Exit>;
}

export function trackChatspec(args: readonly string[], waitMs: number): TrackedRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const seen = new Set<number>();
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const sample = setInterval(() => {
    pidtree(child.pid!)
      .then((pids) => pids.forEach((pid) => seen.add(pid)))
      .catch(() => undefined);
  }, 100);
  const timer = setTimeout(() => child.kill('SIGKILL'), waitMs);
  const done = new Promise<Exit>((resolve) => {
    child.once('close', (code) => {
      clearInterval(sample);
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, seen, done };
}

/** A folder of submissions: each a copy of the template and one fixture server as server.py. */
export async function classFolder(servers: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'chatspec-grade-'));
  for (const [name, script] of Object.entries(servers)) {
    const dir = join(root, name);
    await mkdir(dir);
    await cp(join(FIXTURES, 'chat.py'), join(dir, 'chat.py'));
    await cp(join(FIXTURES, script), join(dir, 'server.py'));
  }
  return root;
}
