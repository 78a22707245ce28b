/**
 * Before any load: one connection to the target, so an address where nothing listens is a
 * clear setup error at once rather than a run full of failed connects.
 */
import type { Dialer } from '../net/index.js';

export class LoadSetupError extends Error {
  override readonly name = 'LoadSetupError';
}

export async function probeTarget(dialer: Dialer, timeoutMs: number): Promise<void> {
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
        : `cannot connect to ${dialer.address}: ${code}${code === 'ECONNREFUSED' ? ' (is the server running?)' : ''}`;
    throw new LoadSetupError(message, { cause: error });
  }
  socket.destroy();
}
