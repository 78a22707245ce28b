/**
 * Before any load: one connection to the target, so an address where nothing listens is a
 * clear setup error at once rather than a run full of failed connects.
 */
import { connect } from 'node:net';

export class LoadSetupError extends Error {
  override readonly name = 'LoadSetupError';
}

export function probeTarget(host: string, port: number, timeoutMs: number): Promise<void> {
  const shown = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new LoadSetupError(`cannot connect to ${shown}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = error.code === 'ECONNREFUSED' ? ' (is the server running?)' : '';
      reject(
        new LoadSetupError(`cannot connect to ${shown}: ${error.code ?? error.message}${hint}`, {
          cause: error,
        }),
      );
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
  });
}
