/**
 * A launched server as a Target: chatspec starts it (launch/), engines dial it, the command line
 * closes it. `restart()` replaces a crashed or stuck server by a fresh one in a fresh namespace
 * (its old port may sit in TIME_WAIT); the dialer stays the same object and dials whichever
 * server is current.
 */
import {
  launchServer,
  LaunchError,
  LaunchOptionError,
  type LaunchedServer,
  type LaunchOptions,
} from '../launch/index.js';
import { currentDialer } from '../net/index.js';
import type { Target } from './target.js';

export interface LaunchedTargetOptions extends LaunchOptions {
  /** Restarts allowed over the target's life. */
  readonly maxRestarts?: number;
}

export const DEFAULT_MAX_RESTARTS = 3;

export interface LaunchedTarget extends Target {
  readonly kind: 'launched';
  /** The server running now (a new object after each restart). */
  readonly server: LaunchedServer;
  readonly restarts: number;
  readonly maxRestarts: number;
  /** Stops the server and launches a fresh one; a LaunchError past `maxRestarts`. */
  restart(signal?: AbortSignal): Promise<LaunchedServer>;
}

export async function openLaunchedTarget(
  options: LaunchedTargetOptions,
  signal?: AbortSignal,
): Promise<LaunchedTarget> {
  const { maxRestarts = DEFAULT_MAX_RESTARTS, ...launch } = options;
  if (!Number.isInteger(maxRestarts) || maxRestarts < 0) {
    throw new LaunchOptionError(
      `maxRestarts must be a whole number at least 0, not ${maxRestarts}`,
    );
  }
  let server = await launchServer(launch, signal);
  let restarts = 0;
  let closed = false;
  const dialer = currentDialer(() => server.dialer);
  return {
    kind: 'launched',
    get description() {
      return describe(server);
    },
    dialer,
    get server() {
      return server;
    },
    get restarts() {
      return restarts;
    },
    maxRestarts,
    async restart(restartSignal?: AbortSignal) {
      if (closed) throw new LaunchError('the target is closed');
      if (restarts >= maxRestarts) {
        throw new LaunchError(`the server was restarted ${restarts} times already (the limit)`);
      }
      restarts++;
      await server.stop();
      server = await launchServer(launch, restartSignal);
      return server;
    },
    async close() {
      closed = true;
      await server.stop();
    },
  };
}

/** `python3 server.py (in its own network namespace, port 8889)`. */
function describe(server: LaunchedServer): string {
  const where =
    server.isolation === 'namespace'
      ? `in its own network namespace, port ${server.port}`
      : `port ${server.port}, not isolated`;
  return `${server.options.command} (${where})`;
}
