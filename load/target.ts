/**
 * Where load may go. Any host a user names, with consent: load to an address outside this
 * machine's loopback needs `allowRemote` (`--allow-remote` on the command line), because a
 * load generator aimed at a machine you do not own is an attack, and a typo in a target should
 * not turn a benchmark into one. Names are resolved once, before the run, so every connection
 * of a run goes to the same address and the consent check judges the address actually used.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** A target that needs `--allow-remote`, or a name that cannot be resolved. */
export class RemoteTargetError extends Error {
  override readonly name = 'RemoteTargetError';
}

/** Removes IPv6 brackets and case: `[::1]` is `::1`. */
function bare(host: string): string {
  const trimmed = host.trim().toLowerCase();
  return trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string): boolean {
  const a = bare(address);
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) !== 6) return false;
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped !== null && mapped[1]!.startsWith('127.');
}

/**
 * The address to connect to for `host`: an IP literal as it is, `localhost` as 127.0.0.1
 * (without asking DNS), any other name through the system resolver, once.
 */
export async function resolveTargetHost(host: string): Promise<string> {
  const h = bare(host);
  if (h === 'localhost') return '127.0.0.1';
  if (isIP(h) !== 0) return h;
  try {
    const { address } = await lookup(h);
    return address;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new RemoteTargetError(`cannot resolve ${JSON.stringify(host)}: ${code}`, {
      cause: error,
    });
  }
}

/**
 * Checks consent for an address (an IP literal, or `localhost`) and returns the address to
 * connect to. `name` is what the user typed, for the message.
 */
export function requireConsent(address: string, allowRemote: boolean, name = address): string {
  const a = bare(address) === 'localhost' ? '127.0.0.1' : bare(address);
  if (isIP(a) === 0) {
    throw new RemoteTargetError(
      `load target ${JSON.stringify(name)} is not an IP address: resolve it first (resolveTargetHost)`,
    );
  }
  if (!allowRemote && !isLoopbackAddress(a)) {
    const shown = a === bare(name) ? a : `${name} (${a})`;
    throw new RemoteTargetError(
      `refusing to send load to ${shown}: it is not this machine's loopback; pass ` +
        "--allow-remote if you own that server or have its owner's permission",
    );
  }
  return a;
}
