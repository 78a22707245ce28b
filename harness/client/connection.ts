/**
 * A client connection to the server under test, for the harness and the fuzzer. It never
 * throws for what the server does: every read ends in an outcome (a reply, a timeout, a
 * close, an overflow) that the caller turns into a verdict. It throws only for the
 * harness's own mistakes. Every wait has a timeout; every buffer has a cap.
 */
import { connect, type Socket } from 'node:net';
import { ReplyDecoder, parseReplyJson, type JsonObject } from '../../specs/index.js';
import { Transcript } from '../../results/transcript.js';
import { Wakeup } from '../../net/index.js';

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** How long a connect or a reply may take. */
  readonly timeoutMs: number;
  /** Largest reply accepted; a longer one is an overflow, not a memory problem. */
  readonly maxReplyBytes: number;
  /** A name for this connection in the transcript (`c1`, `messi`). */
  readonly name?: string;
  /** Where to record the exchange; a new transcript when absent. */
  readonly transcript?: Transcript;
}

export type ReadOutcome =
  | {
      readonly kind: 'reply';
      readonly text: string;
      readonly json: JsonObject | undefined;
      readonly parseError?: string;
      readonly elapsedMs: number;
    }
  | { readonly kind: 'timeout'; readonly partialBytes: number; readonly elapsedMs: number }
  | { readonly kind: 'closed'; readonly partialBytes: number; readonly elapsedMs: number }
  | { readonly kind: 'overflow'; readonly limitBytes: number; readonly elapsedMs: number }
  | { readonly kind: 'error'; readonly message: string; readonly elapsedMs: number };

export type ConnectOutcome =
  | { readonly ok: true; readonly connection: ChatConnection }
  | { readonly ok: false; readonly reason: string };

/** Describes an outcome in one line, for a verdict's reason. */
export function describeOutcome(outcome: ReadOutcome, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'reply':
      return outcome.json === undefined
        ? `unparseable reply (${outcome.parseError ?? 'not JSON'})`
        : 'reply';
    case 'timeout':
      return outcome.partialBytes > 0
        ? `no complete reply within ${timeoutMs} ms (${outcome.partialBytes} bytes without the \\r\\n\\r\\n terminator)`
        : `no reply within ${timeoutMs} ms`;
    case 'closed':
      return outcome.partialBytes > 0
        ? `connection closed by the server after ${outcome.partialBytes} bytes of an unterminated reply`
        : 'connection closed by the server before replying';
    case 'overflow':
      return `reply larger than the harness accepts without a terminator: over ${outcome.limitBytes} bytes (endless reply?)`;
    case 'error':
      return `connection error: ${outcome.message}`;
  }
}

type EndReason = { kind: 'closed' } | { kind: 'overflow' } | { kind: 'error'; message: string };

export class ChatConnection {
  readonly name: string;
  readonly transcript: Transcript;
  readonly #socket: Socket;
  readonly #decoder: ReplyDecoder;
  readonly #options: ConnectionOptions;
  readonly #queue: Array<{ text: string }> = [];
  #ended:
    { kind: 'closed' } | { kind: 'overflow' } | { kind: 'error'; message: string } | undefined;
  readonly #wakeup = new Wakeup();

  private constructor(socket: Socket, options: ConnectionOptions, transcript: Transcript) {
    this.#socket = socket;
    this.#options = options;
    this.name = options.name ?? 'c1';
    this.transcript = transcript;
    this.#decoder = new ReplyDecoder(options.maxReplyBytes);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#finish({ kind: 'closed' }));
    socket.on('close', () => this.#finish({ kind: 'closed' }));
    socket.on('error', (error) => this.#finish({ kind: 'error', message: error.message }));
  }

  /** Opens a connection; resolves with the reason instead of throwing when it cannot. */
  static open(options: ConnectionOptions): Promise<ConnectOutcome> {
    const transcript = options.transcript ?? new Transcript();
    const name = options.name ?? 'c1';
    return new Promise((resolve) => {
      const socket = connect({ host: options.host, port: options.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        transcript.record('event', name, `connect timed out after ${options.timeoutMs} ms`);
        resolve({
          ok: false,
          reason: `connect to ${options.host}:${options.port} timed out after ${options.timeoutMs} ms`,
        });
      }, options.timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        transcript.record('event', name, `connect failed: ${error.message}`);
        resolve({
          ok: false,
          reason: `cannot connect to ${options.host}:${options.port}: ${error.message}`,
        });
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        transcript.record('event', name, 'connected');
        resolve({ ok: true, connection: new ChatConnection(socket, options, transcript) });
      });
    });
  }

  get closed(): boolean {
    return this.#ended !== undefined;
  }

  /**
   * Sends bytes, optionally in pieces of `chunkBytes` with `delayMs` between them (to test
   * reassembly). Resolves once handed to the kernel; never throws for a closed socket.
   */
  async write(
    data: Buffer | string,
    pieces?: { chunkBytes: number; delayMs: number },
    options?: { record?: boolean },
  ): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // A flood of megabytes is summarised by its caller instead of kept chunk by chunk.
    if (options?.record !== false) this.transcript.record('sent', this.name, bytes);
    if (pieces === undefined) {
      await this.#writeRaw(bytes);
      return;
    }
    for (let i = 0; i < bytes.length && !this.closed; i += pieces.chunkBytes) {
      await this.#writeRaw(bytes.subarray(i, i + pieces.chunkBytes));
      if (pieces.delayMs > 0) await new Promise((r) => setTimeout(r, pieces.delayMs));
    }
  }

  #writeRaw(bytes: Buffer): Promise<void> {
    if (this.closed || this.#socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      // A write to a socket the server reset reports through 'error'; the next read sees it.
      this.#socket.write(bytes, () => resolve());
    });
  }

  /** Waits for the next complete reply, at most `timeoutMs` (the connection's by default). */
  async read(timeoutMs = this.#options.timeoutMs): Promise<ReadOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const outcome = await this.#wakeup.until((): ReadOutcome | undefined => {
      const next = this.#queue.shift();
      if (next !== undefined) {
        const parsed = parseReplyJson(next.text);
        return parsed.ok
          ? { kind: 'reply', text: next.text, json: parsed.value, elapsedMs: elapsed() }
          : {
              kind: 'reply',
              text: next.text,
              json: undefined,
              parseError: parsed.reason,
              elapsedMs: elapsed(),
            };
      }
      if (this.#ended !== undefined) {
        if (this.#ended.kind === 'overflow') {
          return {
            kind: 'overflow',
            limitBytes: this.#options.maxReplyBytes,
            elapsedMs: elapsed(),
          };
        }
        if (this.#ended.kind === 'error')
          return { kind: 'error', message: this.#ended.message, elapsedMs: elapsed() };
        return { kind: 'closed', partialBytes: this.#decoder.pendingBytes, elapsedMs: elapsed() };
      }
      return undefined;
    }, timeoutMs);
    return (
      outcome ?? { kind: 'timeout', partialBytes: this.#decoder.pendingBytes, elapsedMs: elapsed() }
    );
  }

  /** Complete replies received and not yet read. */
  get pendingReplies(): number {
    return this.#queue.length;
  }

  /** Bytes received after the last complete reply (a reply still missing its terminator). */
  get partialBytes(): number {
    return this.#decoder.pendingBytes;
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

  /** Writes one request and reads its reply. */
  async request(line: string, timeoutMs?: number): Promise<ReadOutcome> {
    await this.write(line);
    return this.read(timeoutMs);
  }

  /** Closes the connection at once; safe to call twice. */
  close(): void {
    this.#socket.destroy();
    this.#finish({ kind: 'closed' });
  }

  #onData(chunk: Buffer): void {
    this.transcript.record('received', this.name, chunk);
    const { replies, overflow } = this.#decoder.push(chunk);
    for (const reply of replies) this.#queue.push({ text: reply.text });
    if (overflow) {
      this.#finish({ kind: 'overflow' });
      this.#socket.destroy();
    }
    this.#wakeup.wake();
  }

  #finish(reason: EndReason): void {
    if (this.#ended === undefined) {
      this.#ended = reason;
      if (reason.kind !== 'closed' || !this.#socket.destroyed) {
        this.transcript.record(
          'event',
          this.name,
          reason.kind === 'error' ? `error: ${reason.message}` : reason.kind,
        );
      }
    }
    this.#wakeup.wake();
  }
}
