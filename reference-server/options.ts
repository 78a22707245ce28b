/** The reference server's settings: every limit is a named option with a documented default. */
import {
  DEFAULT_LIMITS,
  SEED_FIXTURE,
  resolveDialectSpec,
  type DialectSpec,
  type Fixture,
  type ModelLimits,
} from '../specs/index.js';
import { composeDefects, parseDefectSpec, type SelectedDefect } from './defects/index.js';
import { PROFILE_NAMES, profileByName } from './profiles/index.js';

export interface ServerOptions {
  /** Address to listen on. Loopback by default: chatspec never needs more. */
  readonly host: string;
  /** 0 picks an ephemeral port. */
  readonly port: number;
  readonly fixture: Fixture;
  /** Longest request line accepted, in bytes without its line end (FRAME-9). */
  readonly maxLineBytes: number;
  /**
   * A connection that sends nothing for this long is closed. 0 (the default): never, since
   * the course's clients hold one connection for a whole session and wait on their user
   * for minutes, and some spin at full CPU once the server closes it.
   */
  readonly idleTimeoutMs: number;
  /**
   * Connections held at once. A new connection past it closes the longest idle one (the one
   * that sent nothing for the longest time), so idle connections never lock a server out.
   */
  readonly maxConnections: number;
  /**
   * Reply bytes queued for a client that does not read before the server stops reading that
   * client's requests (backpressure), so a never-reading client cannot grow memory.
   */
  readonly maxQueuedReplyBytes: number;
  /**
   * Bytes of unfinished request lines held across all connections at once. Each line is
   * bounded by maxLineBytes, but many connections each sending most of one would add up; the
   * connection whose bytes would pass this total is refused as for a line too long.
   */
  readonly maxPendingLineBytes: number;
  readonly limits: ModelLimits;
  /**
   * Defects to build in, each `NAME` or `NAME=VALUE` (`chatspec serve --list-defects`): the
   * server then misbehaves in exactly those ways. Empty for the correct server.
   */
  readonly defects: readonly string[];
  /**
   * A kind of server from the wild (`chatspec serve --list-profiles`): its defects come
   * first, then `defects` on top of them.
   */
  readonly profile?: string;
  /**
   * The dialect the server speaks: a spec, or a built-in name or file path. Absent (or
   * `canonical`): the document's spelling.
   */
  readonly dialect?: DialectSpec | string;
  /** Receives one line per request and connection event; passwords are never included. */
  readonly log?: (line: string) => void;
}

export const DEFAULT_PORT = 8889;

export const DEFAULT_SERVER_OPTIONS: Omit<ServerOptions, 'log'> = Object.freeze({
  host: '127.0.0.1',
  port: DEFAULT_PORT,
  fixture: SEED_FIXTURE,
  // A 5 MiB file is about 7 MiB of base64; 16 MiB leaves room for the params.
  maxLineBytes: 16 * 1024 * 1024,
  idleTimeoutMs: 0,
  maxConnections: 20_000,
  maxQueuedReplyBytes: 1024 * 1024,
  maxPendingLineBytes: 256 * 1024 * 1024,
  limits: DEFAULT_LIMITS,
  defects: Object.freeze([]),
});

/** Thrown for an option that cannot work; the message names the option. */
export class ServerOptionError extends Error {
  override readonly name = 'ServerOptionError';
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ServerOptionError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Fills defaults, validates, and freezes, so the server never sees a half-valid option. */
export function resolveServerOptions(partial: Partial<ServerOptions> = {}): ServerOptions {
  const options: ServerOptions = {
    ...DEFAULT_SERVER_OPTIONS,
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
    limits: { ...DEFAULT_LIMITS, ...partial.limits },
    defects: Object.freeze([...(partial.defects ?? [])]),
  };
  requireInteger('port', options.port, 0, 65_535);
  requireInteger('maxLineBytes', options.maxLineBytes, 64, 1024 * 1024 * 1024);
  requireInteger('idleTimeoutMs', options.idleTimeoutMs, 0, 24 * 60 * 60 * 1000);
  requireInteger('maxConnections', options.maxConnections, 1, 1_000_000);
  requireInteger('maxQueuedReplyBytes', options.maxQueuedReplyBytes, 1024, 1024 * 1024 * 1024);
  requireInteger('maxPendingLineBytes', options.maxPendingLineBytes, 64, 16 * 1024 * 1024 * 1024);
  requireInteger('limits.maxSessions', options.limits.maxSessions, 1, 100_000_000);
  requireInteger('limits.maxInboxMessages', options.limits.maxInboxMessages, 1, 100_000_000);
  requireInteger(
    'limits.maxStoredFileBytes',
    options.limits.maxStoredFileBytes,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  requireInteger(
    'limits.maxStoredMessageChars',
    options.limits.maxStoredMessageChars,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  selectDefects(defectSpecsOf(options));
  // A name or path is read now, so a broken dialect file fails before anything listens.
  if (typeof options.dialect === 'string') {
    return Object.freeze({ ...options, dialect: resolveDialectSpec(options.dialect) });
  }
  return Object.freeze(options);
}

/** Every defect the server is built with: the profile's, then those given on their own. */
export function defectSpecsOf(options: Pick<ServerOptions, 'defects' | 'profile'>): string[] {
  if (options.profile === undefined) return [...options.defects];
  const found = profileByName(options.profile);
  if (found === undefined) {
    throw new ServerOptionError(
      `unknown profile "${options.profile}" (known: ${PROFILE_NAMES.join(', ')}); \`chatspec serve --list-profiles\` lists them`,
    );
  }
  const own = found.defects.map((d) => d.spec);
  const ownNames = new Set(own.map((spec) => spec.split('=')[0]!.trim()));
  for (const spec of options.defects) {
    const name = spec.split('=')[0]!.trim();
    if (ownNames.has(name)) {
      throw new ServerOptionError(`defect ${name} is already part of profile ${found.name}`);
    }
  }
  return [...own, ...options.defects];
}

/** The defects named in `specs`, checked: known names, valid values, each once, compatible. */
export function selectDefects(specs: readonly string[]): SelectedDefect[] {
  const selected: SelectedDefect[] = [];
  for (const spec of specs) {
    const parsed = parseDefectSpec(spec);
    if (!parsed.ok) throw new ServerOptionError(parsed.reason);
    if (selected.some((s) => s.defect === parsed.selected.defect)) {
      throw new ServerOptionError(`defect ${parsed.selected.defect.name} is given twice`);
    }
    selected.push(parsed.selected);
  }
  const composed = composeDefects(selected);
  if (!composed.ok) throw new ServerOptionError(composed.reason);
  return selected;
}
