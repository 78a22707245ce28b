/**
 * The TCP ports a server listens on. Linux lists listeners in /proc/net/tcp and tcp6 (state
 * 0A) of the reader's network namespace, each with its socket inode; a process's descriptors
 * show those inodes as `socket:[N]`. Elsewhere, `lsof` answers for a set of PIDs.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir, readlink } from 'node:fs/promises';

const LISTEN = '0A';

export interface Listener {
  readonly port: number;
  /** Where to connect to reach it: 127.0.0.1, or ::1 for a listener on IPv6 only. */
  readonly host: string;
  readonly inode: string;
}

/** Listeners of this network namespace, from /proc/net/tcp and /proc/net/tcp6. */
export async function procListeners(): Promise<Listener[]> {
  const found: Listener[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const row of text.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      const local = fields[1];
      if (fields[3] !== LISTEN || local === undefined) continue;
      const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      const host = file.endsWith('6') && !/^0+FFFF0000|^0{32}/.test(local) ? '::1' : '127.0.0.1';
      if (Number.isInteger(port)) found.push({ port, host, inode: fields[9] ?? '' });
    }
  }
  return found;
}

/** Socket inodes the processes hold. */
async function socketInodes(pids: readonly number[]): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]!);
    }
  }
  return inodes;
}

/** Listeners the processes hold (Linux). */
export async function procTreeListeners(pids: readonly number[]): Promise<Listener[]> {
  const inodes = await socketInodes(pids);
  return (await procListeners()).filter((l) => inodes.has(l.inode));
}

/** Listeners the processes hold, from `lsof`; undefined when there is no lsof. */
export function lsofListeners(pids: readonly number[]): Promise<Listener[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'lsof',
      ['-nP', '-iTCP', '-sTCP:LISTEN', '-a', '-p', pids.join(',')],
      { timeout: 5000 },
      (error, stdout) => {
        const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
        if (missing) return resolve(undefined);
        const found = [...stdout.matchAll(/(\S+):(\d+) \(LISTEN\)/g)].map((m) => ({
          port: Number(m[2]),
          host: m[1] === '[::1]' ? '::1' : '127.0.0.1',
          inode: '',
        }));
        resolve(found);
      },
    );
  });
}

/** One listener per port (IPv4 first: a dual-stack server answers there too), by port. */
export function byPort(listeners: readonly Listener[]): Listener[] {
  const ports = new Map<number, Listener>();
  for (const listener of listeners) {
    const seen = ports.get(listener.port);
    if (seen === undefined || (seen.host !== '127.0.0.1' && listener.host === '127.0.0.1')) {
      ports.set(listener.port, listener);
    }
  }
  return [...ports.values()].sort((a, b) => a.port - b.port);
}
