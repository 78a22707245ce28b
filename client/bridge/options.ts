/** The bridge's settings: every limit named, with a default, checked before anything starts. */
import type { Dialer } from '../../net/index.js';
import { SEED_FIXTURE, canonicalDialect, type Dialect, type Fixture } from '../../specs/index.js';

export interface BridgeOptions {
  /** Where the page is served. Loopback by default: the bridge is for the person at this machine. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The one server every browser session talks to. */
  readonly target: Dialer;
  readonly dialect: Dialect;
  /** The users and groups the chat list shows. */
  readonly fixture: Fixture;
  /** How often a logged-in page's inbox is read. */
  readonly pollMs: number;
  /** A connect or one reply from the target. */
  readonly timeoutMs: number;
  /** Browser sessions (WebSocket connections) held at once. */
  readonly maxSessions: number;
  /** Largest WebSocket message from a page (a file to send travels in one). */
  readonly maxMessageBytes: number;
  /** Largest reply accepted from the target (a download travels in one). */
  readonly maxReplyBytes: number;
  /** Requests one page may have waiting for the target at once. */
  readonly maxPendingRequests: number;
  /** The built page: index.html, app.js, app.css. */
  readonly webRoot: string;
  /** One line per session event; never a password. */
  readonly log?: (line: string) => void;
}

export const BRIDGE_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  dialect: canonicalDialect,
  fixture: SEED_FIXTURE,
  pollMs: 1000,
  timeoutMs: 10_000,
  maxSessions: 16,
  maxMessageBytes: 8 * 1024 * 1024,
  maxReplyBytes: 16 * 1024 * 1024,
  maxPendingRequests: 8,
});

export class BridgeOptionError extends Error {
  override readonly name = 'BridgeOptionError';
}

/** Bytes of a file that fit in one page message once base64-encoded, with room for the rest. */
export function maxFileBytes(maxMessageBytes: number): number {
  return Math.max(0, Math.floor(((maxMessageBytes - 4096) * 3) / 4));
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BridgeOptionError(
      `${name} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
}

export function resolveBridgeOptions(
  partial: Partial<BridgeOptions> & Pick<BridgeOptions, 'target' | 'webRoot'>,
): BridgeOptions {
  const options: BridgeOptions = {
    ...BRIDGE_DEFAULTS,
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
  } as BridgeOptions;
  requireInteger('port', options.port, 0, 65_535);
  if (typeof options.target?.dial !== 'function') {
    throw new BridgeOptionError('target must be a dialer: how to reach the server');
  }
  requireInteger('pollMs', options.pollMs, 50, 3_600_000);
  requireInteger('timeoutMs', options.timeoutMs, 100, 600_000);
  requireInteger('maxSessions', options.maxSessions, 1, 10_000);
  requireInteger('maxMessageBytes', options.maxMessageBytes, 16 * 1024, 1024 * 1024 * 1024);
  requireInteger('maxReplyBytes', options.maxReplyBytes, 1024, 1024 * 1024 * 1024);
  requireInteger('maxPendingRequests', options.maxPendingRequests, 1, 1000);
  return Object.freeze(options);
}
