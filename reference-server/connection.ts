/**
 * One client connection: bytes in, request lines out, one reply per line, in order.
 * Backpressure keeps memory bounded both ways: a long line is refused past maxLineBytes, and
 * a client that does not read its replies stops being read from.
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

  // Once an over-long line has been refused, nothing more from this client is read.
  let refused = false;
  socket.on('data', (chunk: Buffer) => {
    if (refused) return;
    const { lines, overflow } = decoder.push(chunk);
    for (const line of lines) {
      if (log) log(`#${ctx.id} ${describeRequestForLog(line)}`);
      const reply = applyLine(ctx.state, line, ctx.transition);
      socket.write(encodeReply(reply));
    }
    if (overflow) {
      refused = true;
      log?.(`#${ctx.id} line longer than ${options.maxLineBytes} bytes, closing`);
      socket.end(encodeReply({ status: 'ERROR', message: ERROR_TEXTS.LINE_TOO_LONG }));
      socket.pause();
      return;
    }
    if (socket.writableLength > options.maxQueuedReplyBytes) {
      socket.pause();
      socket.once('drain', () => socket.resume());
    }
  });
  socket.on('error', (error) => log?.(`#${ctx.id} socket error: ${error.message}`));
  socket.on('close', () => log?.(`#${ctx.id} closed`));
}
