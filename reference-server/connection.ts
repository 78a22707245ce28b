/**
 * One client connection: bytes in, request lines out, one reply per line, in order.
 * Memory stays bounded both ways: a long line is refused past maxLineBytes (and a line that
 * would take the unfinished lines of all connections past maxPendingLineBytes), and a client
 * that does not read its replies stops being read from (checked before every reply, since
 * one received chunk can hold thousands of requests).
 */
import type { Socket } from 'node:net';
import { ERROR_TEXTS, encodeReply } from '../specs/index.js';
import { handleLine, type LineContext } from './handle-line.js';
import type { ServerOptions } from './options.js';
import { ReplyWriter } from './reply-writer.js';

export interface ConnectionContext extends LineContext {
  readonly options: ServerOptions;
  readonly id: number;
  /** Counts one request against the server; false once the server has crashed (a defect). */
  readonly countRequest: () => boolean;
  /**
   * Called on every chunk received, before it is read: the server keeps its connections in
   * order of when each was last heard from (one 'data' listener, not two).
   */
  readonly heard: () => void;
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

export function serveConnection(socket: Socket, ctx: ConnectionContext): void {
  const { options } = ctx;
  const splitter = ctx.defects.createSplitter(options.maxLineBytes);
  const writer = new ReplyWriter(socket, ctx.defects.replyDelayMs, ctx.defects.replyEncoding);
  const log = options.log;
  // Read only for the log: asking a socket its peer keeps an address object on it for good.
  if (log) log(`#${ctx.id} connect ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);

  socket.setNoDelay(true);
  if (options.idleTimeoutMs > 0) {
    socket.setTimeout(options.idleTimeoutMs, () => {
      log?.(`#${ctx.id} idle for ${options.idleTimeoutMs} ms, closing`);
      socket.destroy();
    });
  }

  // Lines decoded but not yet answered, because the client is not reading its replies.
  let waiting: string[] = [];
  let next = 0;
  let overflowed = false;
  // The overflow is the server's total of unfinished lines, not this line's length.
  let overflowedBudget = false;
  let refused = false;
  // Set once the connection will answer nothing more (closed by a defect, or hung).
  let stopped = false;
  let lingerTimer: NodeJS.Timeout | undefined;
  // This connection's share of ctx.pendingLines.
  let held = 0;

  /** Updates this connection's share; false when the total is past the server's bound. */
  function withinPendingBudget(): boolean {
    const now = stopped || refused ? 0 : splitter.pendingBytes;
    ctx.pendingLines.used += now - held;
    held = now;
    return ctx.pendingLines.used <= options.maxPendingLineBytes;
  }

  function answer(line: string): void {
    if (log && ctx.describeRequest) log(`#${ctx.id} ${ctx.describeRequest(line)}`);
    if (!ctx.countRequest()) {
      stopped = true;
      return;
    }
    const response = handleLine(line, ctx);
    switch (response.kind) {
      case 'reply':
        writer.write(response.text);
        if (response.thenClose) {
          stopped = true;
          writer.end();
        }
        return;
      case 'close':
        stopped = true;
        writer.end();
        return;
      case 'hang':
        log?.(`#${ctx.id} hangs (defect)`);
        stopped = true;
        socket.pause();
        return;
    }
  }

  function refuse(): void {
    refused = true;
    withinPendingBudget(); // gives its share back: nothing more is kept
    log?.(
      overflowedBudget
        ? `#${ctx.id} unfinished lines of all connections past ${options.maxPendingLineBytes} bytes, closing`
        : `#${ctx.id} line longer than ${options.maxLineBytes} bytes, closing`,
    );
    socket.end(encodeReply({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG }));
    lingerTimer = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
    socket.resume();
  }

  function work(): void {
    // Several requests in one chunk (pipelining): their replies leave in one write (writev),
    // not one syscall each. A single reply is written at once, as before.
    const batch = waiting.length - next > 1 && !socket.destroyed;
    if (batch) socket.cork();
    try {
      answerWaiting();
    } finally {
      if (batch && !socket.destroyed) socket.uncork();
    }
  }

  function answerWaiting(): void {
    while (next < waiting.length && !stopped) {
      if (socket.destroyed) return;
      if (writer.queuedBytes > options.maxQueuedReplyBytes) {
        socket.pause();
        writer.onceRoom(() => {
          socket.resume();
          work();
        });
        return;
      }
      const line = waiting[next]!;
      waiting[next++] = '';
      try {
        answer(line);
      } catch (error) {
        // A bug in the model must cost one connection, never the server.
        log?.(`#${ctx.id} internal error, closing: ${(error as Error).stack ?? String(error)}`);
        socket.destroy();
        return;
      }
    }
    waiting = [];
    next = 0;
    if (overflowed && !refused && !stopped) refuse();
  }

  socket.on('data', (chunk: Buffer) => {
    ctx.heard();
    if (overflowed || stopped) return; // dropped: a refused client lingering, or no more answers
    const { lines, overflow } = splitter.push(chunk);
    // The decoder's array is this chunk's own: taken as it is when nothing else waits.
    if (next === waiting.length) {
      waiting = lines;
      next = 0;
    } else {
      for (const line of lines) waiting.push(line);
    }
    overflowedBudget = !withinPendingBudget();
    overflowed = overflow || overflowedBudget;
    work();
  });
  socket.on('error', (error) => log?.(`#${ctx.id} socket error: ${error.message}`));
  socket.on('close', () => {
    stopped = true;
    withinPendingBudget();
    clearTimeout(lingerTimer);
    log?.(`#${ctx.id} closed`);
  });
}
