/**
 * One person's connection to the server under test: a logged-in user, their session token,
 * and one TCP connection on which requests go one at a time, each built by the Dialect
 * layer and each answered or timed out. The web bridge holds one per browser tab; the
 * terminal client holds one. It never throws for what the server does: every call ends in a
 * CallResult, and every exchange is reported, exactly as it went over the wire, to `onWire`.
 */
import type { Dialer } from '../net/index.js';
import { ChatConnection, describeOutcome } from '../harness/index.js';
import type { WireExchange, WireRecord } from './wire-record.js';
import {
  REPLY_TERMINATOR,
  Secrets,
  type Dialect,
  type Fixture,
  type JsonObject,
  type Request,
  type RequestOf,
} from '../specs/index.js';

export interface SessionOptions {
  readonly dialer: Dialer;
  readonly dialect: Dialect;
  /** The users the server knows: their passwords are masked in the protocol log. */
  readonly fixture?: Fixture;
  /** How long a connect or one reply may take. */
  readonly timeoutMs: number;
  /** Largest reply accepted (a download of a big file is one reply). */
  readonly maxReplyBytes: number;
  /** Longest request line sent, line end included. */
  readonly maxLineBytes: number;
  /** Requests waiting their turn at once; more are refused rather than queued forever. */
  readonly maxPendingRequests: number;
}

export type CallResult =
  | { readonly kind: 'ok'; readonly reply: JsonObject; readonly exchange: WireExchange }
  | {
      readonly kind: 'error';
      /** The server's own error text. */
      readonly text: string;
      readonly reply: JsonObject;
      readonly exchange: WireExchange;
    }
  | {
      readonly kind: 'failed';
      /** Why no usable reply came (timeout, closed, not JSON, no status), in one line. */
      readonly reason: string;
      readonly exchange?: WireExchange;
    };

export type { WireEvent, WireExchange, WireOutcome, WireRecord } from './wire-record.js';

export interface SessionHooks {
  onWire?(record: WireRecord): void;
  /** The target went down (with the reason) or came back. */
  onTargetChange?(up: boolean, reason?: string): void;
  /** The login was lost: a re-login after a reconnect was refused. */
  onLoggedOut?(reason: string): void;
}

export class ChatSession {
  readonly options: SessionOptions;
  readonly #hooks: SessionHooks;
  /** What the protocol log must not show: passwords, at the dialect's place and anywhere. */
  readonly #secrets: Secrets;
  #connection: ChatConnection | undefined;
  #everConnected = false;
  #up = true;
  #seq = 0;
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #closed = false;
  #user: { username: string; password: string; token: string } | undefined;
  /** A new connection was opened since the login: log in again before the next request. */
  #reloginNeeded = false;

  constructor(options: SessionOptions, hooks: SessionHooks = {}) {
    this.options = options;
    this.#hooks = hooks;
    this.#secrets = new Secrets({
      dialect: options.dialect,
      ...(options.fixture ? { fixture: options.fixture } : {}),
    });
  }

  /** Where the session connects, as a person reads it (`127.0.0.1:8889`). */
  get target(): string {
    return this.options.dialer.address;
  }

  get username(): string | undefined {
    return this.#user?.username;
  }

  get token(): string | undefined {
    return this.#user?.token;
  }

  /** Whether the last attempt to reach the target worked. */
  get up(): boolean {
    return this.#up;
  }

  /** Opens the connection if there is none (or it was closed); reports whether it is open. */
  connect(): Promise<boolean> {
    return this.#enqueue(async () => (await this.#ensureConnected()) === undefined, true).then(
      (result) => result === true,
    );
  }

  /** Checks the connection without queueing behind requests: true while it is open. */
  get connected(): boolean {
    return this.#connection !== undefined && !this.#connection.closed;
  }

  /** AUTH; on success the token is kept for every later request. */
  login(username: string, password: string, background = false): Promise<CallResult> {
    return this.#enqueue(() => this.#login(username, password, background), background);
  }

  /** Forgets the login (the protocol has no logout command). */
  logout(): void {
    this.#user = undefined;
    this.#reloginNeeded = false;
  }

  /** A request that needs the session token, built once the token is known. */
  call(build: (session: string) => Request, background = false): Promise<CallResult> {
    return this.#enqueue(async () => {
      const user = this.#user;
      if (user === undefined) return { kind: 'failed', reason: 'not logged in' };
      const problem = await this.#ensureConnected();
      if (problem !== undefined) return { kind: 'failed', reason: problem };
      if (this.#reloginNeeded) {
        const relogin = await this.#relogin(user);
        if (relogin !== undefined) return relogin;
      }
      const current = this.#user;
      if (current === undefined) return { kind: 'failed', reason: 'not logged in' };
      return this.#exchange(build(current.token), background);
    }, background);
  }

  /**
   * Sends a line as typed, with CRLF after it, and returns the reply as received. `{session}`
   * in the line stands for the current token.
   */
  raw(typed: string): Promise<CallResult> {
    return this.#enqueue(async () => {
      const problem = await this.#ensureConnected();
      if (problem !== undefined) return { kind: 'failed', reason: problem };
      const line = `${typed.replaceAll('{session}', this.#user?.token ?? '{session}')}\r\n`;
      return this.#send('raw', line, false);
    }, false);
  }

  /** Closes the connection; later calls fail with "closed". */
  close(): void {
    this.#closed = true;
    this.#connection?.close();
    this.#connection = undefined;
  }

  #enqueue<T>(task: () => Promise<T>, background: boolean): Promise<T | CallResult> {
    if (this.#closed) return Promise.resolve({ kind: 'failed', reason: 'session closed' });
    // A background poll never waits behind other requests: the next tick will poll again.
    const limit = background ? 1 : this.options.maxPendingRequests;
    if (this.#pending >= limit) {
      return Promise.resolve({
        kind: 'failed',
        reason: background
          ? 'busy'
          : `too many requests waiting (${this.#pending}); try again when the server answers`,
      });
    }
    this.#pending++;
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run.finally(() => this.#pending--);
  }

  async #login(username: string, password: string, background: boolean): Promise<CallResult> {
    const problem = await this.#ensureConnected();
    if (problem !== undefined) return { kind: 'failed', reason: problem };
    const request: RequestOf<'AUTH'> = { command: 'AUTH', username, password };
    const result = await this.#send(
      'AUTH',
      this.options.dialect.formatRequest(request),
      background,
    );
    if (result.kind !== 'ok') return result;
    const token = this.options.dialect.readToken(result.reply);
    if (!token.ok) {
      return {
        kind: 'failed',
        reason: `login reply has no token: ${token.reason}`,
        exchange: result.exchange,
      };
    }
    this.#user = { username, password, token: token.value };
    this.#reloginNeeded = false;
    return result;
  }

  /** Logs in again on a new connection (the server may have restarted and lost the token). */
  async #relogin(user: { username: string; password: string }): Promise<CallResult | undefined> {
    const again = await this.#login(user.username, user.password, true);
    if (again.kind === 'ok') return undefined;
    if (again.kind === 'error') {
      this.#user = undefined;
      this.#reloginNeeded = false;
      const reason = `logged out: the server refused the login after a reconnect (${again.text})`;
      this.#hooks.onLoggedOut?.(reason);
      return { kind: 'failed', reason, exchange: again.exchange };
    }
    return again;
  }

  /** undefined when connected; otherwise why not. */
  async #ensureConnected(): Promise<string | undefined> {
    if (this.#closed) return 'session closed';
    if (this.#connection !== undefined && !this.#connection.closed) return undefined;
    if (this.#connection !== undefined) {
      this.#connection = undefined;
      this.#event('connection closed by the server');
    }
    const opened = await ChatConnection.open({
      dialer: this.options.dialer,
      timeoutMs: this.options.timeoutMs,
      maxReplyBytes: this.options.maxReplyBytes,
      name: 'target',
    });
    if (!opened.ok) {
      this.#setUp(false, opened.reason);
      return opened.reason;
    }
    if (this.#closed) {
      opened.connection.close();
      return 'session closed';
    }
    this.#connection = opened.connection;
    this.#event(`${this.#everConnected ? 'reconnected to' : 'connected to'} ${this.target}`);
    if (this.#everConnected && this.#user !== undefined) this.#reloginNeeded = true;
    this.#everConnected = true;
    this.#setUp(true);
    return undefined;
  }

  #exchange(request: Request, background: boolean): Promise<CallResult> {
    if (!this.options.dialect.supports(request.command)) {
      return Promise.resolve({
        kind: 'failed',
        reason: `the server has no ${request.command} (dialect ${this.options.dialect.name}); nothing sent`,
      });
    }
    const line = this.options.dialect.formatRequest(request);
    return this.#send(request.command, line, background);
  }

  /** Sends `line`; the record shows it (and the reply) with every secret masked. */
  async #send(label: string, line: string, background: boolean): Promise<CallResult> {
    const shown = this.#secrets.maskLines(line);
    const connection = this.#connection;
    const sentBytes = Buffer.byteLength(line, 'utf8');
    const sentAtMs = Date.now();
    if (connection === undefined || connection.closed) {
      return { kind: 'failed', reason: 'not connected' };
    }
    if (sentBytes > this.options.maxLineBytes) {
      const exchange = this.#record({
        label,
        sentAtMs,
        elapsedMs: 0,
        sent: shown,
        sentBytes,
        receivedBytes: 0,
        outcome: 'refused',
        problem: `request line of ${sentBytes} bytes is over the limit of ${this.options.maxLineBytes}; not sent`,
        background,
      });
      return { kind: 'failed', reason: exchange.problem ?? '', exchange };
    }
    await this.#drainStrayReplies(connection);
    const started = performance.now();
    const outcome = await connection.request(line);
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    const received = outcome.kind === 'reply' ? outcome.text + REPLY_TERMINATOR : undefined;
    const problem =
      outcome.kind === 'reply'
        ? outcome.json === undefined
          ? describeOutcome(outcome, this.options.timeoutMs)
          : undefined
        : describeOutcome(outcome, this.options.timeoutMs);
    const exchange = this.#record({
      label,
      sentAtMs,
      elapsedMs,
      sent: shown,
      sentBytes,
      ...(received === undefined ? {} : { received: this.#secrets.maskText(received) }),
      receivedBytes: received === undefined ? 0 : Buffer.byteLength(received, 'utf8'),
      outcome: outcome.kind,
      ...(problem === undefined ? {} : { problem }),
      background,
    });
    if (outcome.kind !== 'reply') {
      // The connection's state is unknown after a lost reply: a late one would answer the
      // next request. Start over on a fresh connection.
      connection.close();
      this.#connection = undefined;
      this.#event(`connection dropped: ${problem ?? outcome.kind}`);
      const again = await this.#ensureConnected();
      if (again !== undefined) this.#setUp(false, again);
      return { kind: 'failed', reason: problem ?? outcome.kind, exchange };
    }
    if (outcome.json === undefined)
      return { kind: 'failed', reason: problem ?? 'not JSON', exchange };
    const status = this.options.dialect.readStatus(outcome.json);
    if (!status.ok) return { kind: 'failed', reason: `reply ${status.reason}`, exchange };
    if (status.value === 'OK') return { kind: 'ok', reply: outcome.json, exchange };
    const text = this.options.dialect.readErrorText(outcome.json);
    return {
      kind: 'error',
      text: text.ok ? text.value : `(ERROR without a text: ${text.reason})`,
      reply: outcome.json,
      exchange,
    };
  }

  /** Replies nobody asked for (a server answering twice) must not answer the next request. */
  async #drainStrayReplies(connection: ChatConnection): Promise<void> {
    while (connection.pendingReplies > 0) {
      const stray = await connection.read(0);
      if (stray.kind !== 'reply') return;
      this.#event(`unrequested reply: ${stray.text}${REPLY_TERMINATOR}`);
    }
  }

  #record(fields: Omit<WireExchange, 'kind' | 'seq'>): WireExchange {
    const exchange: WireExchange = { kind: 'exchange', seq: ++this.#seq, ...fields };
    this.#hooks.onWire?.(exchange);
    return exchange;
  }

  #event(text: string): void {
    this.#hooks.onWire?.({ kind: 'event', seq: ++this.#seq, atMs: Date.now(), text });
  }

  #setUp(up: boolean, reason?: string): void {
    if (up === this.#up) return;
    this.#up = up;
    this.#hooks.onTargetChange?.(up, reason);
  }
}
