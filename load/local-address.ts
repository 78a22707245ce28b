/**
 * `--local-address`: the addresses a run's connections come from, one per connection round
 * robin (by its index in the whole run, so workers and shards agree). Toward one server
 * address and port, one local address offers one range of ephemeral ports (about 28,000 on
 * Linux by default); past that, connects fail with EADDRNOTAVAIL. A larger run spreads its
 * connections over several local addresses: on Linux every 127.x.y.z is this machine's.
 */
import { isIP, isIPv4 } from 'node:net';

/** Local addresses that cannot work: the message names the address and why. */
export class LocalAddressError extends Error {
  override readonly name = 'LocalAddressError';
}

/** Bounds what one flag can ask for: far more than any run needs. */
export const MAX_LOCAL_ADDRESSES = 1024;

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function expandRange(item: string): string[] {
  const [first, last] = item.split('-').map((s) => s.trim()) as [string, string];
  if (!isIPv4(first) || !isIPv4(last)) {
    throw new LocalAddressError(
      `local address range "${item}" must run from one IPv4 address to another, like 127.0.0.2-127.0.0.9`,
    );
  }
  const from = ipv4ToNumber(first);
  const to = ipv4ToNumber(last);
  if (to < from) {
    throw new LocalAddressError(`local address range "${item}" ends before it starts`);
  }
  if (to - from + 1 > MAX_LOCAL_ADDRESSES) {
    throw new LocalAddressError(
      `local address range "${item}" holds ${to - from + 1} addresses; at most ${MAX_LOCAL_ADDRESSES}`,
    );
  }
  const addresses: string[] = [];
  for (let n = from; n <= to; n++) addresses.push(numberToIpv4(n));
  return addresses;
}

/**
 * `127.0.0.2,127.0.0.3`, `127.0.0.2-127.0.0.9`, or both mixed: the addresses in order,
 * duplicates kept once. Each must be an IP address (names would need resolving per connect).
 */
export function parseLocalAddresses(text: string): string[] {
  const addresses: string[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') throw new LocalAddressError(`local addresses "${text}" have an empty item`);
    const expanded = item.includes('-') ? expandRange(item) : [item];
    for (const address of expanded) {
      if (!addresses.includes(address)) addresses.push(address);
    }
    if (addresses.length > MAX_LOCAL_ADDRESSES) {
      throw new LocalAddressError(`more than ${MAX_LOCAL_ADDRESSES} local addresses`);
    }
  }
  requireLocalAddresses(addresses);
  return addresses;
}

/** Every address an IP of one family; with `host`, the target's family too. */
export function requireLocalAddresses(addresses: readonly string[], host?: string): void {
  if (addresses.length > MAX_LOCAL_ADDRESSES) {
    throw new LocalAddressError(`more than ${MAX_LOCAL_ADDRESSES} local addresses`);
  }
  for (const address of addresses) {
    if (isIP(address) === 0) {
      throw new LocalAddressError(`local address "${address}" is not an IP address`);
    }
  }
  const family = addresses.length > 0 ? isIP(addresses[0]!) : 0;
  const other = addresses.find((a) => isIP(a) !== family);
  if (other !== undefined) {
    throw new LocalAddressError(
      `local addresses mix IPv${family} (${addresses[0]}) and IPv${isIP(other)} (${other})`,
    );
  }
  if (host !== undefined && family !== 0 && isIP(host) !== 0 && isIP(host) !== family) {
    throw new LocalAddressError(
      `local address ${addresses[0]} is IPv${family}, but the target ${host} is IPv${isIP(host)}`,
    );
  }
}

/** The local address of the connection with this index in the run; undefined: the system's. */
export function localAddressOf(
  addresses: readonly string[],
  globalIndex: number,
): string | undefined {
  return addresses.length === 0 ? undefined : addresses[globalIndex % addresses.length];
}
