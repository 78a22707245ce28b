/**
 * A client connection to the server under test, for the harness and the fuzzer. It never
 * throws for what the server does: every read ends in an outcome (a reply, a timeout, a
 * close, an overflow) that the caller turns into a verdict. It throws only for the
 * harness's own mistakes. Every wait has a timeout; every buffer has a cap.
 */
import { ReplyConnection, type Dialer } from '../../net/index.js';
import { ReplyDecoder, parseReplyJson, type JsonObject } from '../../specs/index.js';
import { Transcript } from '../../results/transcript.js';
import { pause } from './pause.js';

export interface ConnectionOptions {
  /** How to reach the server (target/): every connection is opened through it. */
  readonly dialer: Dialer;
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
      /**
       * From the start of the last write (its last piece) to this reply, when it is the first
       * reply read since: the round trip of a lone request, to 0.1 ms (a reply already
       * waiting when the read began is counted up to that read).
       */
      readonly sinceWriteMs?: number;
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

export class ChatConnection {
  readonly name: string;
  readonly transcript: Transcript;
  readonly #link: ReplyConnection;
  readonly #options: ConnectionOptions;
  /** When the last write (or piece) started; undefined once a reply was read after it. */
  #writtenAt: number | undefined;

  private constructor(link: ReplyConnection, options: ConnectionOptions, transcript: Transcript) {
    this.#link = link;
    this.#options = options;
    this.name = options.name ?? 'c1';
    this.transcript = transcript;
  }

  /** Opens a connection; resolves with the reason instead of throwing when it cannot. */
  static async open(options: ConnectionOptions): Promise<ConnectOutcome> {
    const transcript = options.transcript ?? new Transcript();
    const name = options.name ?? 'c1';
    let link: ReplyConnection;
    try {
      link = await ReplyConnection.open(
        options.dialer,
        options.timeoutMs,
        new ReplyDecoder(options.maxReplyBytes),
        {
          onReceived: (chunk) => transcript.record('received', name, chunk),
          onEnd: (end, socketGone) => {
            if (!socketGone)
              transcript.record(
                'event',
                name,
                end.kind === 'error' ? `error: ${end.message}` : end.kind,
              );
          },
        },
      );
    } catch (error) {
      // The reason names the address; the transcript, which names no address, keeps the
      // socket's own error (or the dialer's message, for a timeout).
      const { message, cause } = error as Error;
      transcript.record(
        'event',
        name,
        `connect failed: ${cause instanceof Error ? cause.message : message}`,
      );
      return { ok: false, reason: message };
    }
    transcript.record('event', name, 'connected');
    return { ok: true, connection: new ChatConnection(link, options, transcript) };
  }

  get closed(): boolean {
    return this.#link.closed;
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
      this.#writtenAt = performance.now();
      await this.#link.write(bytes);
      return;
    }
    for (let i = 0; i < bytes.length && !this.closed; i += pieces.chunkBytes) {
      this.#writtenAt = performance.now();
      await this.#link.write(bytes.subarray(i, i + pieces.chunkBytes));
      await pause(pieces.delayMs);
    }
  }

  /** Waits for the next complete reply, at most `timeoutMs` (the connection's by default). */
  async read(timeoutMs = this.#options.timeoutMs): Promise<ReadOutcome> {
    const outcome = await this.#link.read(timeoutMs);
    if (outcome.kind === 'overflow') {
      return { ...outcome, limitBytes: this.#options.maxReplyBytes };
    }
    if (outcome.kind !== 'reply') return outcome;
    const since =
      this.#writtenAt === undefined
        ? {}
        : { sinceWriteMs: Math.round((performance.now() - this.#writtenAt) * 10) / 10 };
    this.#writtenAt = undefined;
    const parsed = parseReplyJson(outcome.text);
    return parsed.ok
      ? {
          kind: 'reply',
          text: outcome.text,
          json: parsed.value,
          elapsedMs: outcome.elapsedMs,
          ...since,
        }
      : {
          kind: 'reply',
          text: outcome.text,
          json: undefined,
          parseError: parsed.reason,
          elapsedMs: outcome.elapsedMs,
          ...since,
        };
  }

  /** Complete replies received and not yet read. */
  get pendingReplies(): number {
    return this.#link.pendingReplies;
  }

  /** Bytes received after the last complete reply (a reply still missing its terminator). */
  get partialBytes(): number {
    return this.#link.partialBytes;
  }

  /**
   * Waits until a reply is ready to read or the connection has ended, at most `timeoutMs`;
   * consumes nothing. Resolves false on timeout. Not to be called while a read is waiting.
   */
  waitReadable(timeoutMs: number): Promise<boolean> {
    return this.#link.waitReadable(timeoutMs);
  }

  /** Writes one request and reads its reply. */
  async request(line: string, timeoutMs?: number): Promise<ReadOutcome> {
    await this.write(line);
    return this.read(timeoutMs);
  }

  /** Closes the connection at once; safe to call twice. */
  close(): void {
    this.#link.close();
  }
}
