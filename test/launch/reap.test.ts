/**
 * Nothing a launch started outlives it: not after stop(), and not when chatspec's side is
 * killed outright (the agent notices its IPC channel close and ends the server; in a namespace
 * its own exit ends every process there).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pidtree from 'pidtree';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../support/ports.js';
import { LaunchError, stopAllLaunched } from '../../launch/index.js';
import { allGone, FIXTURES, launchFixture } from './support.js';

const DIST_LAUNCH = fileURLToPath(new URL('../../dist/launch/index.js', import.meta.url));

/** Launches a server from a separate Node process that then SIGKILLs itself; the PIDs it saw. */
async function launchAndDie(isolation: 'namespace' | 'none', port: number): Promise<number[]> {
  const script = `
    const { launchServer } = await import(${JSON.stringify(DIST_LAUNCH)});
    const server = await launchServer({
      command: 'python3 split_char_server.py', cwd: ${JSON.stringify(FIXTURES)},
      isolation: ${JSON.stringify(isolation)}, env: { PORT: '${port}' },
    });
    process.stdout.write(JSON.stringify(await server.processIds()) + '\\n', () =>
      process.kill(process.pid, 'SIGKILL'));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
  expect(signal).toBe('SIGKILL');
  return JSON.parse(out) as number[];
}

describe('reaping', () => {
  it('leaves no process behind after stop()', async () => {
    const server = await launchFixture('split_char_server.py');
    const pids = await server.processIds();
    // unshare, the agent, and the server below them.
    expect(pids.length).toBeGreaterThanOrEqual(3);
    const end = await server.stop();
    expect(end.reason).toBe('stopped');
    expect(await allGone(pids)).toBe(true);
    expect(await pidtree(pids[0]!).catch(() => [])).toEqual([]);
  });

  it('stops every live server at once (for the command line’s signal handlers)', async () => {
    const servers = await Promise.all([1, 2].map(() => launchFixture('split_char_server.py')));
    const pids = (await Promise.all(servers.map((s) => s.processIds()))).flat();
    await stopAllLaunched();
    for (const server of servers) expect(server.ended?.reason).toBe('stopped');
    expect(await allGone(pids)).toBe(true);
  });

  it('gives up a launch when its signal aborts, with one line', async () => {
    const controller = new AbortController();
    const launching = launchFixture('no_port_server.py', { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const error = await launching.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as Error).message).toBe('launch aborted');
  });

  it('leaves no process behind when the launching process is killed (namespace)', async () => {
    const pids = await launchAndDie('namespace', 8889);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(await allGone(pids)).toBe(true);
  });

  it('leaves no process behind when the launching process is killed (no isolation)', async () => {
    const pids = await launchAndDie('none', await closedPort());
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(await allGone(pids)).toBe(true);
  });
});
