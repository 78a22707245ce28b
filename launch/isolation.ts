/**
 * Whether launched servers can get namespaces of their own here: Linux, `unshare`, `ip`, and a
 * kernel that lets this user make a network and a PID namespace (as root plainly, otherwise
 * inside a user namespace). Probed once per process by doing it, and cached.
 */
import { execFile } from 'node:child_process';

export type IsolationProbe =
  | { readonly available: true }
  | { readonly available: false; readonly reason: string; readonly notice: string };

let probe: Promise<IsolationProbe> | undefined;

/** `unshare`'s arguments for a fresh network and PID namespace, up to the command. */
export function unshareArgs(): string[] {
  const root = process.getuid?.() === 0;
  return [
    // Root needs no user namespace, and without one the server can run as a user of its own.
    ...(root ? [] : ['--user', '--map-root-user']),
    '--net',
    '--pid',
    '--fork',
    '--kill-child',
  ];
}

export function probeIsolation(): Promise<IsolationProbe> {
  probe ??= runProbe();
  return probe;
}

/** For a class runner choosing parallelism: without namespaces, one server at a time. */
export async function isolationAvailable(): Promise<boolean> {
  return (await probeIsolation()).available;
}

function runProbe(): Promise<IsolationProbe> {
  if (process.platform !== 'linux')
    return Promise.resolve(unavailable(`${process.platform} is not Linux`));
  return new Promise((resolve) => {
    execFile(
      'unshare',
      [...unshareArgs(), 'ip', 'link', 'set', 'lo', 'up'],
      { timeout: 5000 },
      (error, _stdout, stderr) => {
        if (error === null) return resolve({ available: true });
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'ENOENT'
            ? 'no unshare command'
            : (stderr.trim().split('\n')[0] ?? '') || error.message.split('\n')[0]!;
        resolve(unavailable(reason));
      },
    );
  });
}

function unavailable(reason: string): IsolationProbe {
  return {
    available: false,
    reason,
    notice: `namespaces unavailable here (${reason}): launched servers run one at a time on the port they bind`,
  };
}
