/**
 * Child processes for the load benchmarks: each side gets its own process (and so its own
 * core), with the open-file limit raised through the shell, and its peak RSS read from
 * /proc while it runs (Linux; VmHWM is the high-water mark, so the last reading is the peak).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Open files each process may hold: 10,000 sockets plus room (the machine's hard limit). */
export const OPEN_FILE_LIMIT = 20_000;

/** A compiled script of this folder, or the compiled CLI. */
export function scriptPath(name: string): string {
  return fileURLToPath(new URL(`./${name}.js`, import.meta.url));
}

export const CLI_PATH = fileURLToPath(new URL('../../../cli/main.js', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Highest VmHWM seen so far, in bytes. */
  readonly peakRssBytes: () => number;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

function readPeakRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `node script args…` with the open-file limit raised; stdin stays open until stop(). */
export function startNode(script: string, args: readonly string[]): Child {
  const quoted = [process.execPath, script, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`);
  const child = spawn('sh', ['-c', `ulimit -n ${OPEN_FILE_LIMIT} && exec ${quoted.join(' ')}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let peak = 0;
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const poll = setInterval(() => {
    const rss = child.pid === undefined ? undefined : readPeakRss(child.pid);
    if (rss !== undefined && rss > peak) peak = rss;
  }, 100);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearInterval(poll);
      resolve(code);
    }),
  );
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    peakRssBytes: () => peak,
    exited,
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits for a `PORT <n>` line from a server child. */
export async function portOf(child: Child, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /PORT (\d+)/.exec(child.stdout());
    if (match) return Number(match[1]);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`server did not report its port within ${timeoutMs} ms: ${child.stderr()}`);
}

/** Runs a child to its end (bounded) and returns its stdout. */
export async function runToEnd(child: Child, timeoutMs: number): Promise<string> {
  const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`child exited with ${code}: ${child.stderr().slice(0, 2000)}`);
  }
  return child.stdout();
}
