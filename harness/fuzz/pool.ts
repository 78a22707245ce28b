/**
 * The connections a campaign reuses from run to run: opening a connection per run would cost
 * more than the commands themselves. A connection that timed out or closed is dropped and
 * reopened before the next run, so a stale late reply can never be read as a fresh one.
 */
import type { Dialer } from '../../net/index.js';
import { ChatConnection, type ConnectOutcome } from '../client/connection.js';
import { Transcript } from '../../results/transcript.js';
import type { FuzzOptions } from './options.js';

/**
 * The fuzzer keeps its own record of each step (request, expected, actual); a transcript
 * of every byte of thousands of runs would only cost time.
 */
export class DiscardingTranscript extends Transcript {
  override record(): void {}
}

export interface PoolOptions {
  readonly dialer: Dialer;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  readonly size: number;
}

export class ConnectionPool {
  readonly #options: PoolOptions;
  readonly #connections: Array<ChatConnection | undefined>;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#connections = Array.from({ length: options.size }, () => undefined);
  }

  get size(): number {
    return this.#connections.length;
  }

  /** Opens every connection that is not open; the reason when one cannot be. */
  async ensureOpen(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const opened = await Promise.all(
      this.#connections.map(async (existing, i) => {
        if (existing !== undefined && !existing.closed) return undefined;
        const outcome = await ChatConnection.open({
          dialer: this.#options.dialer,
          timeoutMs: this.#options.timeoutMs,
          maxReplyBytes: this.#options.maxReplyBytes,
          name: `c${i}`,
          transcript: new DiscardingTranscript(),
        });
        if (!outcome.ok) return outcome.reason;
        this.#connections[i] = outcome.connection;
        return undefined;
      }),
    );
    const failure = opened.find((reason) => reason !== undefined);
    return failure === undefined ? { ok: true } : { ok: false, reason: failure };
  }

  /** Connection `index` modulo the pool size; open after `ensureOpen`. */
  at(index: number): ChatConnection {
    const i = index % this.#connections.length;
    const connection = this.#connections[i];
    if (connection === undefined) throw new Error(`pool connection c${i} is not open`);
    return connection;
  }

  nameOf(index: number): string {
    return `c${index % this.#connections.length}`;
  }

  /** Drops a connection whose replies can no longer be trusted to line up. */
  discard(index: number): void {
    const i = index % this.#connections.length;
    this.#connections[i]?.close();
    this.#connections[i] = undefined;
  }

  closeAll(): void {
    for (let i = 0; i < this.#connections.length; i++) this.discard(i);
  }
}

/** A one-off connection outside the pool (the up-front probes, the liveness check). */
export function openProbeConnection(options: FuzzOptions): Promise<ConnectOutcome> {
  return ChatConnection.open({
    dialer: options.target.dialer,
    timeoutMs: options.timeoutMs,
    maxReplyBytes: options.maxReplyBytes,
    name: 'probe',
    transcript: new DiscardingTranscript(),
  });
}
