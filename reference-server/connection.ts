/**
 * One client connection: bytes in, request lines out, one reply per line, in order.
 * Memory stays bounded both ways: a long line is refused past maxLineBytes, and a client
 * that does not read its replies stops being read from (checked before every reply, since
 * one received chunk can hold thousands of requests).
 */
import type { Socket } from 'node:net';
import {
  ERROR_TEXTS,
  LineDecoder,
  applyLine,
  encodeReply,
  type ChatState,
  type TransitionContext,
} from '../specs/index.js';
import type { ServerOptions } from './options.js';
import { describeRequestForLog } from './request-log.js';

export interface ConnectionContext {
  readonly state: ChatState;
  readonly transition: TransitionContext;
  readonly options: ServerOptions;
  readonly id: number;
}

/**
 * How long a refused client may keep sending (its bytes are read and dropped) before the
 * connection is cut. Reading on lets a client that is still writing its long line finish
 * the write and read the error, instead of meeting a reset that may swallow the reply.
 */
export const REFUSAL_LINGER_MS = 2_000;

export function serveConnection(socket: Socket, ctx: ConnectionContext): void {
  const { options } = ctx;
  const decoder = new LineDecoder(options.maxLineBytes);
  const log = options.log;
  const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  log?.(`#${ctx.id} connect ${peer}`);

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
  let refused = false;
  let lingerTimer: NodeJS.Timeout | undefined;

  function answer(line: string): void {
    if (log) log(`#${ctx.id} ${describeRequestForLog(line)}`);
    socket.write(encodeReply(applyLine(ctx.state, line, ctx.transition)));
  }

  function refuse(): void {
    refused = true;
    log?.(`#${ctx.id} line longer than ${options.maxLineBytes} bytes, closing`);
    socket.end(encodeReply({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG }));
    lingerTimer = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
    socket.resume();
  }

  function work(): void {
    while (next < waiting.length) {
      if (socket.destroyed) return;
      if (socket.writableLength > options.maxQueuedReplyBytes) {
        socket.pause();
        socket.once('drain', () => {
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
    if (overflowed && !refused) refuse();
  }

  socket.on('data', (chunk: Buffer) => {
    if (overflowed) return; // a refused client's bytes are dropped while it lingers
    const { lines, overflow } = decoder.push(chunk);
    for (const line of lines) waiting.push(line);
    overflowed = overflow;
    work();
  });
  socket.on('error', (error) => log?.(`#${ctx.id} socket error: ${error.message}`));
  socket.on('close', () => {
    clearTimeout(lingerTimer);
    log?.(`#${ctx.id} closed`);
  });
}
