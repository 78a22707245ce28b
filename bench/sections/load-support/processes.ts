/**
 * Child processes for the load benchmarks: each side gets its own process (and so its own
 * core), with the open-file limit raised through the shell, and its peak RSS read from
 * /proc while it runs (Linux; VmHWM is the high-water mark, so the last reading is the peak).
 * CPU time is read two ways: from /proc while a process lives (a server, across one round),
 * and from the line cpu-at-exit writes when a process ends (a client, for its whole run).
 * CPU time is steadier than throughput on a shared machine: a process waiting for a core
 * loses requests per second but spends no more CPU per reply.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Open files each process may hold by default: 10,000 sockets plus room. */
export const OPEN_FILE_LIMIT = 20_000;

/**
 * The hard limit on open files a child can raise its own to (RLIMIT_NOFILE), from
 * /proc/self/limits. Raising the hard limit itself needs CAP_SYS_RESOURCE, which a container
 * may not give even to root.
 */
export function openFilesHardLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+\S+\s+(\S+)/m.exec(limits);
  if (!match) throw new Error('no "Max open files" line in /proc/self/limits');
  return match[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(match[1]);
}

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
  /** VmRSS now, in bytes; while the process lives. */
  readonly rssBytes: () => number;
  /** CPU time (user + system) spent so far, from /proc; while the process lives. */
  readonly cpuTimeMs: () => number;
  /** After exit: CPU time spent from the first outgoing connection to the end. */
  readonly runCpuTimeMs: () => number;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** A memory figure of /proc/<pid>/status in bytes: VmHWM (the peak RSS) or VmRSS (now). */
function readRssField(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SEC = 100;

function readCpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15
  return (ticks * 1000) / TICKS_PER_SEC;
}

const CPU_AT_EXIT = fileURLToPath(new URL('./cpu-at-exit.js', import.meta.url));

/**
 * Starts `node script args…` with the open-file limit raised to `openFiles`; stdin stays open
 * until stop().
 */
export function startNode(
  script: string,
  args: readonly string[],
  openFiles: number = OPEN_FILE_LIMIT,
): Child {
  const quoted = [process.execPath, '--import', CPU_AT_EXIT, script, ...args].map(
    (a) => `'${a.replace(/'/g, "'\\''")}'`,
  );
  const child = spawn('sh', ['-c', `ulimit -n ${openFiles} && exec ${quoted.join(' ')}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let peak = 0;
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const poll = setInterval(() => {
    const rss = child.pid === undefined ? undefined : readRssField(child.pid);
    if (rss !== undefined && rss > peak) peak = rss;
  }, 100);
  // 'close', not 'exit': a process can exit before its output has all been read, and a
  // result read at 'exit' may then end mid-JSON.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      clearInterval(poll);
      resolve(code);
    }),
  );
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    peakRssBytes: () => peak,
    rssBytes: () => readRssField(child.pid!, 'VmRSS') ?? 0,
    cpuTimeMs: () => readCpuTimeMs(child.pid!),
    runCpuTimeMs: () => {
      const match = /CPU_US (\d+) \d+\n/.exec(err);
      if (!match) throw new Error(`the child reported no CPU time: ${err.slice(-500)}`);
      return Number(match[1]) / 1000;
    },
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
