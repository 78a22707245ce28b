/**
 * A client connection that reads whole replies: opened through a Dialer, every wait bounded by
 * a timeout, every buffer by the framing's cap. The conformance harness and the load audit's
 * drain both build on it, each adding what it needs (a transcript, JSON). It never throws for
 * what the server does: a read ends in a reply, a timeout, a close, an overflow or an error.
 *
 * The framing is handed in rather than imported, so net/ stays free of the protocol.
 */
import type { Socket } from 'node:net';
import { Wakeup } from './wakeup.js';
import type { Dialer } from './dialer.js';

/** Splits received bytes into replies, holding at most its own cap of an unfinished one. */
export interface ReplyFraming {
  push(chunk: Buffer): {
    readonly replies: readonly { readonly text: string }[];
    readonly overflow: boolean;
  };
  /** Bytes received after the last complete reply. */
  readonly pendingBytes: number;
}

export type ReplyEnd =
  | { readonly kind: 'closed' }
  | { readonly kind: 'overflow' }
  | { readonly kind: 'error'; readonly message: string };

export type RawReadOutcome =
  | { readonly kind: 'reply'; readonly text: string; readonly elapsedMs: number }
  | { readonly kind: 'timeout'; readonly partialBytes: number; readonly elapsedMs: number }
  | { readonly kind: 'closed'; readonly partialBytes: number; readonly elapsedMs: number }
  | { readonly kind: 'overflow'; readonly elapsedMs: number }
  | { readonly kind: 'error'; readonly message: string; readonly elapsedMs: number };

export interface ReplyConnectionHooks {
  /** Every chunk as it arrives, before it is framed. */
  readonly onReceived?: (chunk: Buffer) => void;
  /**
   * Once, when the connection ends. `socketGone`: it ended closed with the socket already
   * destroyed (a close this side asked for), which a transcript need not repeat.
   */
  readonly onEnd?: (end: ReplyEnd, socketGone: boolean) => void;
}

export class ReplyConnection {
  readonly #socket: Socket;
  readonly #framing: ReplyFraming;
  readonly #hooks: ReplyConnectionHooks;
  readonly #queue: string[] = [];
  #ended: ReplyEnd | undefined;
  readonly #wakeup = new Wakeup();

  private constructor(socket: Socket, framing: ReplyFraming, hooks: ReplyConnectionHooks) {
    this.#socket = socket;
    this.#framing = framing;
    this.#hooks = hooks;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#finish({ kind: 'closed' }));
    socket.on('close', () => this.#finish({ kind: 'closed' }));
    socket.on('error', (error) => this.#finish({ kind: 'error', message: error.message }));
  }

  /** Dials; rejects with the dialer's one-line error when it cannot within `timeoutMs`. */
  static async open(
    dialer: Dialer,
    timeoutMs: number,
    framing: ReplyFraming,
    hooks: ReplyConnectionHooks = {},
  ): Promise<ReplyConnection> {
    return new ReplyConnection(await dialer.dial(timeoutMs), framing, hooks);
  }

  get closed(): boolean {
    return this.#ended !== undefined;
  }

  /** Complete replies received and not yet read. */
  get pendingReplies(): number {
    return this.#queue.length;
  }

  /** Bytes received after the last complete reply (a reply still missing its terminator). */
  get partialBytes(): number {
    return this.#framing.pendingBytes;
  }

  /** Resolves once the bytes are handed to the kernel; never throws for a closed socket. */
  write(bytes: Buffer | string): Promise<void> {
    if (this.closed || this.#socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      // A write to a socket the server reset reports through 'error'; the next read sees it.
      this.#socket.write(bytes, () => resolve());
    });
  }

  /** Waits for the next complete reply, at most `timeoutMs`. */
  async read(timeoutMs: number): Promise<RawReadOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const outcome = await this.#wakeup.until((): RawReadOutcome | undefined => {
      const next = this.#queue.shift();
      if (next !== undefined) return { kind: 'reply', text: next, elapsedMs: elapsed() };
      const ended = this.#ended;
      if (ended === undefined) return undefined;
      if (ended.kind === 'overflow') return { kind: 'overflow', elapsedMs: elapsed() };
      if (ended.kind === 'error')
        return { kind: 'error', message: ended.message, elapsedMs: elapsed() };
      return { kind: 'closed', partialBytes: this.partialBytes, elapsedMs: elapsed() };
    }, timeoutMs);
    return outcome ?? { kind: 'timeout', partialBytes: this.partialBytes, elapsedMs: elapsed() };
  }

  /**
   * Waits until a reply is ready to read or the connection has ended, at most `timeoutMs`;
   * consumes nothing. Resolves false on timeout. Not to be called while a read is waiting.
   */
  async waitReadable(timeoutMs: number): Promise<boolean> {
    const ready = await this.#wakeup.until(
      () => (this.#queue.length > 0 || this.#ended !== undefined ? true : undefined),
      timeoutMs,
    );
    return ready === true;
  }

  /** Closes the connection at once; safe to call twice. */
  close(): void {
    this.#socket.destroy();
    this.#finish({ kind: 'closed' });
  }

  #onData(chunk: Buffer): void {
    this.#hooks.onReceived?.(chunk);
    const { replies, overflow } = this.#framing.push(chunk);
    for (const reply of replies) this.#queue.push(reply.text);
    if (overflow) {
      this.#finish({ kind: 'overflow' });
      this.#socket.destroy();
    }
    this.#wakeup.wake();
  }

  #finish(end: ReplyEnd): void {
    if (this.#ended === undefined) {
      this.#ended = end;
      this.#hooks.onEnd?.(end, end.kind === 'closed' && this.#socket.destroyed);
    }
    this.#wakeup.wake();
  }
}
