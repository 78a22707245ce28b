/**
 * Load goes to loopback only: a load generator pointed at someone else's machine is an
 * attack, and the workplace rule for chatspec is that its traffic stays on this host.
 */

/** The addresses load may be sent to; `localhost` is taken as 127.0.0.1 without DNS. */
const LOOPBACK: ReadonlyMap<string, string> = new Map([
  ['127.0.0.1', '127.0.0.1'],
  ['localhost', '127.0.0.1'],
  ['::1', '::1'],
  ['[::1]', '::1'],
]);

export class NotLoopbackError extends Error {
  override readonly name = 'NotLoopbackError';
}

/**
 * The connectable loopback address for `host`, or a NotLoopbackError that says why. Names
 * are not resolved: a name that happens to resolve to loopback today may not tomorrow.
 */
export function requireLoopback(host: string): string {
  const address = LOOPBACK.get(host.trim().toLowerCase());
  if (address === undefined) {
    throw new NotLoopbackError(
      `refusing to send load to ${JSON.stringify(host)}: chatspec load only targets loopback ` +
        '(127.0.0.1, ::1 or localhost); run the server under test on this machine',
    );
  }
  return address;
}
