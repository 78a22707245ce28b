/**
 * Runs one of the Python servers in test/fixtures/servers/ on a free loopback port, the way
 * a course server runs (PORT from the environment), and stops it when the test is done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { closedPort } from './ports.js';

export interface PythonServer {
  readonly port: number;
  close(): Promise<void>;
}

const SERVERS_DIR = join(import.meta.dirname, '..', 'fixtures', 'servers');

/** Starts `relativePath` (under test/fixtures/servers/); resolves once it listens. */
export async function startPythonServer(
  relativePath: string,
  env: Readonly<Record<string, string>> = {},
  startTimeoutMs = 10_000,
): Promise<PythonServer> {
  // A port bound once and released: free for the server to take.
  const port = await closedPort();
  const script = join(SERVERS_DIR, relativePath);
  const child: ChildProcess = spawn('python3', ['-u', script], {
    cwd: join(script, '..'),
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${relativePath} did not listen within ${startTimeoutMs} ms: ${stderr}`));
    }, startTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${relativePath} exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
