/**
 * The agent: a small Node process between chatspec and a launched server. Inside a namespace it
 * is PID 1 of a fresh PID namespace in a fresh network namespace: it brings `lo` up, runs the
 * setup and the server as a user of their own, finds the server's port, and makes connections
 * to it from inside, handing each connected socket back over the IPC channel. Without a
 * namespace it does the same next to the server. Either way the IPC channel is its lifeline:
 * when chatspec goes (even by SIGKILL), the agent kills the server's process group and exits;
 * as PID 1 its exit also ends every process left in the namespace.
 *
 * It never writes to its own stdout or stderr: the server writes there, straight to chatspec.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  lchownSync,
  readdirSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import pidtree from 'pidtree';
import {
  byPort,
  lsofListeners,
  procListeners,
  procTreeListeners,
  type Listener,
} from './listeners.js';
import type { AgentConfig, FromAgent, ToAgent } from './protocol.js';

/** The server's user when chatspec is root: one per agent, so RLIMIT_NPROC is per server. */
const UID_BASE = 100_000;
const POLL_NAMESPACE_MS = 50;
const POLL_TREE_MS = 100;
/** A second look before taking a lone listener: a server may open its second one just after. */
const SETTLE_MS = 100;

let server: ChildProcess | undefined;
let scope: AgentConfig['scope'] | undefined;
let listening: Listener | undefined;
let finishing = false;
let exitSent = false;

export function runAgent(): void {
  if (process.send === undefined) {
    process.stderr.write('chatspec agent: start it through chatspec (no IPC channel)\n');
    process.exit(2);
  }
  process.on('disconnect', () => void finish(0));
  process.on('message', (message: ToAgent) => {
    if (message.type === 'start') void start(message.config).catch((e) => fail(errorText(e)));
    else if (message.type === 'dial') dial(message.id, message.timeoutMs);
    else if (message.type === 'kill') void finish(message.graceMs);
  });
  send({ type: 'hello', outerPid: outerPid() });
}

/** Inside a PID namespace whose /proc is the host's, /proc/self names the outer PID. */
function outerPid(): number {
  try {
    const pid = Number(readlinkSync('/proc/self'));
    return Number.isInteger(pid) && pid > 0 ? pid : process.pid;
  } catch {
    return process.pid;
  }
}

function send(message: FromAgent, handle?: Socket, onSent?: (error: Error | null) => void): void {
  if (!process.connected) return onSent?.(null);
  if (handle === undefined) process.send!(message, undefined, undefined, onSent);
  else process.send!(message, handle, undefined, onSent);
}

function fail(message: string): void {
  send({ type: 'failed', message }, undefined, () => void finish(0));
}

async function start(config: AgentConfig): Promise<void> {
  scope = config.scope;
  if (config.loopbackUp) {
    await run('ip', ['link', 'set', 'lo', 'up']);
    // Ports below 1024 need no privilege here: the namespace holds nothing else.
    try {
      writeFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', '0');
    } catch {
      // An older kernel without the setting: such a port stays refused, as on the host.
    }
  }
  const uid = config.dropPrivileges ? UID_BASE + outerPid() : undefined;
  if (uid !== undefined) chownTree(config.cwd, uid);
  // Folders the server's user cannot search would turn "not found" into "Permission denied".
  const env =
    uid === undefined ? config.env : { ...config.env, PATH: searchablePath(config.env.PATH ?? '') };
  config = { ...config, env };
  if (config.setup !== undefined) {
    const setup = spawnShell(config.setup, config, uid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(setup, 'SIGKILL');
    }, config.setupTimeoutMs);
    const end = await ended(setup);
    clearTimeout(timer);
    if (finishing) return;
    if (end.code !== 0 || timedOut) {
      send({ type: 'setup-failed', ...end, timedOut }, undefined, () => void finish(0));
      return;
    }
  }
  if (finishing) return;
  server = spawnShell(config.command, config, uid);
  const child = server;
  child.once('exit', (code, signal) => {
    void sendExit(code, signal).then(() => finish(0));
  });
  send({ type: 'started', pid: child.pid });
  await findPort(config, child);
}

function spawnShell(command: string, config: AgentConfig, uid: number | undefined): ChildProcess {
  const limits =
    process.platform === 'linux' && onPath('prlimit')
      ? [
          'prlimit',
          ...(config.maxProcesses === undefined ? [] : [`--nproc=${config.maxProcesses}`]),
          `--fsize=${config.maxFileBytes}`,
          '--',
        ]
      : [];
  const argv =
    process.platform === 'win32'
      ? ['cmd.exe', '/d', '/s', '/c', command]
      : [...limits, '/bin/sh', '-c', command];
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: config.cwd,
    env: { ...config.env },
    // Its own session: no terminal, so a Ctrl-C meant for chatspec never reaches it.
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  child.on('error', (error) => fail(`cannot start \`${command}\`: ${error.message}`));
  return child;
}

function searchablePath(path: string): string {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '' && searchableByAnyone(dir))
    .join(delimiter);
}

function searchableByAnyone(dir: string): boolean {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const stat = statSync(at, { throwIfNoEntry: false });
    if (stat === undefined || (stat.mode & 0o001) === 0) return false;
    if (dirname(at) === at) return true;
  }
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && existsSync(join(dir, name)));
}

function chownTree(path: string, uid: number): void {
  lchownSync(path, uid, uid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, uid);
    else lchownSync(child, uid, uid);
  }
}

function ended(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 5000 }, (error, _stdout, stderr) => {
      if (error)
        reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}

async function findPort(config: AgentConfig, child: ChildProcess): Promise<void> {
  const pollMs = config.scope === 'namespace' ? POLL_NAMESPACE_MS : POLL_TREE_MS;
  let lone: number | undefined;
  while (!finishing && child.exitCode === null && child.signalCode === null) {
    const found = await listeners(config, child);
    if (found === undefined) {
      return fail(
        'cannot see which port the server listens on here (no /proc, no lsof); give its port',
      );
    }
    const wanted =
      config.port === undefined ? undefined : found.find((l) => l.port === config.port);
    if (wanted !== undefined) return announce(wanted);
    if (config.port === undefined && found.length > 1) {
      const ports = found.map((l) => l.port).join(', ');
      return fail(
        `the server listens on several TCP ports (${ports}); give the one to test with port`,
      );
    }
    if (config.port === undefined && found.length === 1) {
      if (lone === found[0]!.port) return announce(found[0]!);
      lone = found[0]!.port;
      await sleep(SETTLE_MS);
      continue;
    }
    await sleep(pollMs);
  }
}

async function listeners(
  config: AgentConfig,
  child: ChildProcess,
): Promise<Listener[] | undefined> {
  if (config.scope === 'namespace') return byPort(await procListeners());
  if (child.pid === undefined) return [];
  const pids = await pidtree(child.pid, { root: true }).catch(() => [child.pid!]);
  if (process.platform === 'linux') return byPort(await procTreeListeners(pids));
  const found = await lsofListeners(pids);
  if (found !== undefined) return byPort(found);
  // Neither /proc nor lsof: with a port given, a connection that succeeds is the answer.
  if (config.port === undefined) return undefined;
  const open = await canConnect(config.port);
  return open ? [{ port: config.port, host: '127.0.0.1', inode: '' }] : [];
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

function announce(listener: Listener): void {
  listening = listener;
  send({ type: 'listening', host: listener.host, port: listener.port });
}

function dial(id: number, timeoutMs: number): void {
  const target = listening;
  if (target === undefined) {
    send({ type: 'dial-failed', id, message: 'the server is not listening' });
    return;
  }
  const address = target.host.includes(':')
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
  const socket = new Socket();
  // Never read: every byte the server sends belongs to chatspec's end, once handed over.
  socket.pause();
  const timer = setTimeout(() => {
    socket.destroy();
    send({
      type: 'dial-failed',
      id,
      message: `connect to ${address} timed out after ${timeoutMs} ms`,
    });
  }, timeoutMs);
  socket.once('error', (error) => {
    clearTimeout(timer);
    send({ type: 'dial-failed', id, message: `cannot connect to ${address}: ${error.message}` });
  });
  socket.connect(target.port, target.host, () => {
    clearTimeout(timer);
    socket.removeAllListeners('error');
    socket.on('error', () => socket.destroy());
    send({ type: 'dialed', id }, socket, (error) => {
      if (error)
        send({
          type: 'dial-failed',
          id,
          message: `cannot hand over the connection: ${error.message}`,
        });
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Resolves once the message is on its way (or cannot be), so exiting loses nothing. */
function sendExit(code: number | null, signal: string | null): Promise<void> {
  if (exitSent || !process.connected) return Promise.resolve();
  exitSent = true;
  return new Promise((resolve) => {
    send({ type: 'exit', code, signal }, undefined, () => resolve());
    setTimeout(resolve, 1000).unref();
  });
}

/** Ends the server (SIGTERM, then SIGKILL after `graceMs`), anything it left, then the agent. */
async function finish(graceMs: number): Promise<void> {
  if (finishing) return;
  finishing = true;
  const child = server;
  if (child !== undefined && child.exitCode === null && child.signalCode === null) {
    signalGroup(child, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
    if (graceMs > 0) await Promise.race([ended(child), sleep(graceMs)]);
  }
  if (child !== undefined) signalGroup(child, 'SIGKILL');
  // Processes that left the group (a daemon, setsid). In a PID namespace the agent's own exit
  // ends them all (it is PID 1), and PIDs from ps would be the host's, not the namespace's.
  if (scope === 'tree') {
    const rest = await pidtree(process.pid).catch(() => [] as number[]);
    for (const pid of rest) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  if (child !== undefined) {
    const end = await Promise.race([ended(child), sleep(1000).then(() => undefined)]);
    await sendExit(end?.code ?? child.exitCode, end?.signal ?? child.signalCode);
  }
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
