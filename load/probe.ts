/**
 * Before any load: one connection to the target, so an address where nothing listens is a
 * clear setup error at once rather than a run full of failed connects. With local addresses
 * (--local-address), one connection from each, so an address that is not this machine's, or
 * that cannot reach the target, is caught the same way.
 */
import type { Socket } from 'node:net';
import type { Dialer } from '../net/index.js';
import { dialSocket } from './engine/dial.js';

export class LoadSetupError extends Error {
  override readonly name = 'LoadSetupError';
}

/** What the short codes mean for someone who just typed the command. */
const HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: ' (is the server running?)',
  EADDRNOTAVAIL: ' (not an address of this machine, or out of ports)',
};

export async function probeTarget(
  dialer: Dialer,
  timeoutMs: number,
  localAddresses: readonly string[] = [],
): Promise<void> {
  let socket;
  try {
    socket = await dialer.dial(timeoutMs);
  } catch (error) {
    const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
    const code = cause?.code;
    // The short code reads better than node's sentence, and refused has a likely reason.
    const message =
      code === undefined
        ? (error as Error).message
        : `cannot connect to ${dialer.address}: ${code}${HINTS[code] ?? ''}`;
    throw new LoadSetupError(message, { cause: error });
  }
  socket.destroy();
  if (localAddresses.length > 0 && dialer.tcp === undefined) {
    throw new LoadSetupError(
      `--local-address needs a target reached over plain TCP; ${dialer.address} is reached through its launcher`,
    );
  }
  for (const localAddress of localAddresses) {
    await probeFrom(dialer, timeoutMs, localAddress);
  }
}

/** One connection from `localAddress`, as the run's connections make them (dial.ts). */
function probeFrom(dialer: Dialer, timeoutMs: number, localAddress: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined;
    const fail = (reason: string): void => {
      clearTimeout(timer);
      socket?.destroy();
      reject(
        new LoadSetupError(
          `cannot connect to ${dialer.address} from local address ${localAddress}: ${reason}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
    dialSocket(
      dialer,
      timeoutMs,
      {
        wanted: () => true,
        attach: (attached) => {
          socket = attached;
          attached.once('error', (error: NodeJS.ErrnoException) =>
            fail(
              error.code === undefined ? error.message : `${error.code}${HINTS[error.code] ?? ''}`,
            ),
          );
          attached.once('connect', () => {
            clearTimeout(timer);
            attached.destroy();
            resolve();
          });
        },
        failed: fail,
      },
      localAddress,
    );
  });
}
