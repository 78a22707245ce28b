/**
 * One client connection: bytes in, request lines out, one reply per line, in order.
 * Memory stays bounded both ways: a long line is refused past maxLineBytes (and a line that
 * would take the unfinished lines of all connections past maxPendingLineBytes), and a client
 * that does not read its replies stops being read from (checked before every reply, since
 * one received chunk can hold thousands of requests).
 */
import type { Socket } from 'node:net';
import { ERROR_TEXTS, encodeReply } from '../specs/index.js';
import type { LineSplitter } from './defects/index.js';
import { handleLine, type LineContext } from './handle-line.js';
import type { IdleLink, IdleOrder } from './idle-order.js';
import type { ServerOptions } from './options.js';
import { ReplyWriter } from './reply-writer.js';

export interface ConnectionContext extends LineContext {
  readonly options: ServerOptions;
  /** Counts one request against the server; false once the server has crashed (a defect). */
  readonly countRequest: () => boolean;
  /**
   * Open connections in order of when each was last heard from: a connection moves to the
   * end on every chunk received, before it is read, and leaves when it closes.
   */
  readonly idleOrder: IdleOrder<Socket>;
  /** Bytes of unfinished lines all connections hold, shared by them. */
  readonly pendingLines: { used: number };
  /** The log line of a request, its secrets masked; present when the server logs. */
  readonly describeRequest?: (line: string) => string;
}

/**
 * How long a refused client may keep sending (its bytes are read and dropped) before the
 * connection is cut. Reading on lets a client that is still writing its long line finish
 * the write and read the error, instead of meeting a reset that may swallow the reply.
 */
export const REFUSAL_LINGER_MS = 2_000;

/**
 * Serves one accepted socket. `ctx` is the server's, shared by every connection; what is
 * the connection's own lives on one object, found from the socket by the listeners, which
 * are the same three functions for every socket. Thousands of idle connections then cost
 * one object each, not a closure per step and a context for them.
 */
export function serveConnection(
  socket: Socket,
  id: number,
  place: IdleLink<Socket>,
  ctx: ConnectionContext,
): void {
  (socket as ServedSocket)[SERVED] = new Connection(socket, id, place, ctx);
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('close', onClose);
}

const SERVED = Symbol('chatspec.connection');

interface ServedSocket extends Socket {
  [SERVED]: Connection;
}

function onData(this: ServedSocket, chunk: Buffer): void {
  this[SERVED].received(chunk);
}

function onError(this: ServedSocket, error: Error): void {
  this[SERVED].failed(error);
}

function onClose(this: ServedSocket): void {
  this[SERVED].closed();
}

class Connection {
  readonly #socket: Socket;
  readonly #id: number;
  readonly #place: IdleLink<Socket>;
  readonly #ctx: ConnectionContext;
  readonly #splitter: LineSplitter;
  readonly #writer: ReplyWriter;
  // Lines decoded but not yet answered, because the client is not reading its replies.
  #waiting: string[] = NONE_WAITING;
  #next = 0;
  #overflowed = false;
  // The overflow is the server's total of unfinished lines, not this line's length.
  #overflowedBudget = false;
  #refused = false;
  // Set once the connection will answer nothing more (closed by a defect, or hung).
  #stopped = false;
  #lingerTimer: NodeJS.Timeout | undefined;
  // This connection's share of ctx.pendingLines.
  #held = 0;

  constructor(socket: Socket, id: number, place: IdleLink<Socket>, ctx: ConnectionContext) {
    const { options } = ctx;
    this.#socket = socket;
    this.#id = id;
    this.#place = place;
    this.#ctx = ctx;
    this.#splitter = ctx.defects.createSplitter(options.maxLineBytes);
    this.#writer = new ReplyWriter(socket, ctx.defects.replyDelayMs, ctx.defects.replyEncoding);
    const log = options.log;
    // Read only for the log: asking a socket its peer keeps an address object on it for good.
    if (log) log(`#${id} connect ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);

    socket.setNoDelay(true);
    if (options.idleTimeoutMs > 0) {
      socket.setTimeout(options.idleTimeoutMs, () => {
        log?.(`#${id} idle for ${options.idleTimeoutMs} ms, closing`);
        socket.destroy();
      });
    }
  }

  received(chunk: Buffer): void {
    const order = this.#ctx.idleOrder;
    if (this.#socket.destroyed) order.remove(this.#place);
    else order.touch(this.#place);
    if (this.#overflowed || this.#stopped) return; // dropped: a refused client lingering, or no more answers
    const { lines, overflow } = this.#splitter.push(chunk);
    // The decoder's array is this chunk's own: taken as it is when nothing else waits.
    if (this.#next === this.#waiting.length) {
      this.#waiting = lines;
      this.#next = 0;
    } else {
      for (const line of lines) this.#waiting.push(line);
    }
    this.#overflowedBudget = !this.#withinPendingBudget();
    this.#overflowed = overflow || this.#overflowedBudget;
    this.#work();
  }

  failed(error: Error): void {
    this.#ctx.options.log?.(`#${this.#id} socket error: ${error.message}`);
  }

  closed(): void {
    this.#ctx.idleOrder.remove(this.#place);
    this.#writer.dispose();
    this.#stopped = true;
    this.#withinPendingBudget();
    clearTimeout(this.#lingerTimer);
    this.#ctx.options.log?.(`#${this.#id} closed`);
  }

  /** Updates this connection's share; false when the total is past the server's bound. */
  #withinPendingBudget(): boolean {
    const now = this.#stopped || this.#refused ? 0 : this.#splitter.pendingBytes;
    const pending = this.#ctx.pendingLines;
    pending.used += now - this.#held;
    this.#held = now;
    return pending.used <= this.#ctx.options.maxPendingLineBytes;
  }

  #answer(line: string): void {
    const ctx = this.#ctx;
    const log = ctx.options.log;
    if (log && ctx.describeRequest) log(`#${this.#id} ${ctx.describeRequest(line)}`);
    if (!ctx.countRequest()) {
      this.#stopped = true;
      return;
    }
    const response = handleLine(line, ctx);
    switch (response.kind) {
      case 'reply':
        this.#writer.write(response.text);
        if (response.thenClose) {
          this.#stopped = true;
          this.#writer.end();
        }
        return;
      case 'close':
        this.#stopped = true;
        this.#writer.end();
        return;
      case 'hang':
        log?.(`#${this.#id} hangs (defect)`);
        this.#stopped = true;
        this.#socket.pause();
        return;
    }
  }

  #refuse(): void {
    const { options } = this.#ctx;
    const socket = this.#socket;
    this.#refused = true;
    this.#withinPendingBudget(); // gives its share back: nothing more is kept
    options.log?.(
      this.#overflowedBudget
        ? `#${this.#id} unfinished lines of all connections past ${options.maxPendingLineBytes} bytes, closing`
        : `#${this.#id} line longer than ${options.maxLineBytes} bytes, closing`,
    );
    socket.end(encodeReply({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG }));
    this.#lingerTimer = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
    socket.resume();
  }

  #work(): void {
    // Several requests in one chunk (pipelining): their replies leave in one write (writev),
    // not one syscall each. A single reply is written at once, as before.
    const socket = this.#socket;
    const batch = this.#waiting.length - this.#next > 1 && !socket.destroyed;
    if (batch) socket.cork();
    try {
      this.#answerWaiting();
    } finally {
      if (batch && !socket.destroyed) socket.uncork();
    }
  }

  #answerWaiting(): void {
    const socket = this.#socket;
    while (this.#next < this.#waiting.length && !this.#stopped) {
      if (socket.destroyed) return;
      if (this.#writer.queuedBytes > this.#ctx.options.maxQueuedReplyBytes) {
        socket.pause();
        this.#writer.onceRoom(() => {
          socket.resume();
          this.#work();
        });
        return;
      }
      const line = this.#waiting[this.#next]!;
      this.#waiting[this.#next++] = '';
      try {
        this.#answer(line);
      } catch (error) {
        // A bug in the model must cost one connection, never the server.
        this.#ctx.options.log?.(
          `#${this.#id} internal error, closing: ${(error as Error).stack ?? String(error)}`,
        );
        socket.destroy();
        return;
      }
    }
    this.#waiting = NONE_WAITING;
    this.#next = 0;
    if (this.#overflowed && !this.#refused && !this.#stopped) this.#refuse();
  }
}

/**
 * The queue of a connection with nothing waiting: shared, and never written to (a chunk's
 * lines replace it; lines are appended only to a chunk's own array, while it waits).
 */
const NONE_WAITING: string[] = [];
