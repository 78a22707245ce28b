/**
 * The probe's line to the server: one request at a time, each with a short timeout, all
 * within a request cap and an overall time budget. A connection that does not answer in
 * time is abandoned (closed, never read again) and the next request opens a fresh one, so
 * a server that hangs on half the requests costs one timeout each, never more.
 */
import type { Dialer } from '../../net/index.js';
import { ChatConnection, type ReadOutcome } from '../client/connection.js';
import type { JsonObject } from '../../specs/index.js';

export interface LinkOptions {
  readonly dialer: Dialer;
  /** How long one request may take (connect and reply). */
  readonly timeoutMs: number;
  /** The whole probe's time. */
  readonly budgetMs: number;
  /** The whole probe's requests. */
  readonly maxRequests: number;
  readonly maxReplyBytes?: number;
}

/** What one request got. */
export type Answer =
  | { readonly kind: 'json'; readonly json: JsonObject; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'silent'; readonly why: string };

/** The budget ran out: the probe stops and reports what it has. */
export class BudgetSpent extends Error {
  override readonly name = 'BudgetSpent';
}

export class ProbeLink {
  readonly #options: LinkOptions;
  readonly #started = performance.now();
  #connection: ChatConnection | undefined;
  #requests = 0;
  #abandoned = 0;
  #connectFailures = 0;
  #connected = false;
  #lastConnectError: string | undefined;

  constructor(options: LinkOptions) {
    this.#options = options;
  }

  get requests(): number {
    return this.#requests;
  }

  /** Connections given up on because the server did not answer in time or closed them. */
  get abandoned(): number {
    return this.#abandoned;
  }

  /** Why no connection could be opened at all, or undefined once one was. */
  get unreachable(): string | undefined {
    return this.#connected ? undefined : (this.#lastConnectError ?? 'no request was sent');
  }

  get elapsedMs(): number {
    return Math.round(performance.now() - this.#started);
  }

  remainingMs(): number {
    return this.#options.budgetMs - (performance.now() - this.#started);
  }

  /** Whether `n` more requests fit in the budget. */
  canAfford(n = 1): boolean {
    return this.#requests + n <= this.#options.maxRequests && this.remainingMs() > 0;
  }

  async #open(): Promise<ChatConnection | string> {
    if (this.#connection !== undefined && !this.#connection.closed) return this.#connection;
    this.#connection = undefined;
    const wait = Math.max(1, Math.min(this.#options.timeoutMs, this.remainingMs()));
    const opened = await ChatConnection.open({
      dialer: this.#options.dialer,
      timeoutMs: wait,
      maxReplyBytes: this.#options.maxReplyBytes ?? 4 * 1024 * 1024,
      name: 'probe',
    });
    if (!opened.ok) {
      this.#connectFailures++;
      this.#lastConnectError = opened.reason;
      return opened.reason;
    }
    this.#connected = true;
    this.#connection = opened.connection;
    return opened.connection;
  }

  /** Drops the current connection: it is never waited on again. */
  #abandon(): void {
    this.#connection?.close();
    this.#connection = undefined;
    this.#abandoned++;
  }

  /** Sends one request line (with its line end) and reads one reply. */
  async ask(line: string): Promise<Answer> {
    if (!this.canAfford()) {
      throw new BudgetSpent(
        this.#requests >= this.#options.maxRequests
          ? `the probe's ${this.#options.maxRequests} requests are spent`
          : `the probe's ${this.#options.budgetMs} ms are spent`,
      );
    }
    if (this.#connectFailures >= 3) throw new BudgetSpent('the server refuses connections');
    this.#requests++;
    const conn = await this.#open();
    if (typeof conn === 'string') return { kind: 'silent', why: conn };
    const wait = Math.max(1, Math.min(this.#options.timeoutMs, this.remainingMs()));
    const written = await Promise.race([
      conn.write(line).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), wait).unref()),
    ]);
    const outcome: ReadOutcome = written
      ? await conn.read(wait)
      : { kind: 'timeout', partialBytes: 0, elapsedMs: wait };
    if (outcome.kind === 'reply') {
      return outcome.json === undefined
        ? { kind: 'text', text: outcome.text }
        : { kind: 'json', json: outcome.json, text: outcome.text };
    }
    this.#abandon();
    return {
      kind: 'silent',
      why: outcome.kind === 'timeout' ? `no reply within ${wait} ms` : outcome.kind,
    };
  }

  close(): void {
    this.#connection?.close();
    this.#connection = undefined;
  }
}
