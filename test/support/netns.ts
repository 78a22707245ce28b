/**
 * Hosts for tests that need an address outside loopback: network namespaces the test makes
 * itself (`ip netns add` and a veth pair, as root), each with one private /30 address, and
 * removed again in afterAll. Nothing else is ever a target: the addresses exist only on this
 * machine, between the test and the namespaces it created.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Every `ip` call is bounded: a wedged netlink must not hang the suite. */
const IP_TIMEOUT_MS = 5000;

export interface NamespaceHost {
  readonly namespace: string;
  /** The namespace side's address, reachable from the test's own namespace. */
  readonly address: string;
  /** Starts a process inside the namespace. */
  spawn(command: string, args: readonly string[]): ChildProcess;
}

export interface NamespaceHosts {
  readonly hosts: readonly NamespaceHost[];
  remove(): Promise<void>;
}

async function ip(args: readonly string[]): Promise<void> {
  await run('ip', [...args], { timeout: IP_TIMEOUT_MS });
}

/**
 * Why namespaces cannot be made here, or undefined when they can: the test is skipped with
 * this reason rather than failing for the machine's sake.
 */
export async function namespacesUnavailable(): Promise<string | undefined> {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  const probe = `csp${process.pid % 100000}`;
  try {
    await ip(['netns', 'add', probe]);
    await ip(['netns', 'del', probe]);
    return undefined;
  } catch (error) {
    return `ip netns add failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Creates `count` namespace hosts (at most 8) with addresses 10.X.Y.2, the host side .1. */
export async function createNamespaceHosts(count: number): Promise<NamespaceHosts> {
  if (count < 1 || count > 8) throw new Error('between 1 and 8 namespace hosts');
  // A subnet per process, so suites running side by side do not collide.
  const x = 100 + (process.pid % 100);
  const y0 = ((process.pid >> 7) % 30) * 8;
  const created: string[] = [];
  const hosts: NamespaceHost[] = [];
  const remove = async (): Promise<void> => {
    // Deleting a namespace deletes its veth end, and with it the host's end.
    await Promise.allSettled(created.map((ns) => ip(['netns', 'del', ns])));
    created.length = 0;
  };
  try {
    for (let i = 0; i < count; i++) {
      const tag = `${process.pid % 100000}${String.fromCharCode(97 + i)}`;
      const namespace = `cs${tag}`;
      const hostSide = `csh${tag}`;
      const nsSide = `csn${tag}`;
      const prefix = `10.${x}.${y0 + i}`;
      await ip(['netns', 'add', namespace]);
      created.push(namespace);
      await ip(['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide]);
      await ip(['link', 'set', nsSide, 'netns', namespace]);
      await ip(['addr', 'add', `${prefix}.1/30`, 'dev', hostSide]);
      await ip(['link', 'set', hostSide, 'up']);
      await ip(['-n', namespace, 'addr', 'add', `${prefix}.2/30`, 'dev', nsSide]);
      await ip(['-n', namespace, 'link', 'set', nsSide, 'up']);
      await ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
      hosts.push({
        namespace,
        address: `${prefix}.2`,
        spawn: (command, args) =>
          spawn('ip', ['netns', 'exec', namespace, command, ...args], {
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
      });
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return { hosts, remove };
}

/** Starts `chatspec serve` inside a namespace host and resolves with its port once listening. */
export function serveInNamespace(
  host: NamespaceHost,
  bin: string,
  args: readonly string[] = [],
): Promise<{ readonly port: number; stop(): Promise<void> }> {
  const child = host.spawn(process.execPath, [
    bin,
    'serve',
    '--host',
    host.address,
    '--port',
    '0',
    ...args,
  ]);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server in ${host.namespace} did not start: ${out}`));
    }, 10_000);
    const stop = (): Promise<void> =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('close', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      });
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /:(\d+)\b/.exec(out.slice(out.indexOf(host.address)));
      if (out.includes(host.address) && m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ port: Number(m[1]), stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server in ${host.namespace} exited ${code}: ${out}`));
    });
  });
}
