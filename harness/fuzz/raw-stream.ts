/**
 * A throwaway connection for the framing fuzzer: bytes out in the writes given, then a FIN
 * (and the replies read until the server closes) or a reset. Plain node:net rather than the
 * harness client, because it needs what a well-behaved client never does: half-closing and
 * resetting. Bounded in time (one deadline for everything) and in memory (a reply cap).
 */
import { connect, type Socket } from 'node:net';
import { ReplyDecoder } from '../../specs/index.js';

export type StreamClose = 'fin' | 'abrupt';

export interface StreamResult {
  /** Why nothing was sent, when the connection could not be opened. */
  readonly connectError?: string;
  /** Reply texts, terminator stripped, in order (FIN only). */
  readonly replies: readonly string[];
  /** How the exchange ended. */
  readonly end: 'closed' | 'reset-sent' | 'timeout' | 'overflow' | 'error';
  /** Bytes of a reply still missing its terminator at the end. */
  readonly partialBytes: number;
  readonly errorMessage?: string;
}

export interface StreamOptions {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  /** Replies kept; more are counted only. */
  readonly maxReplies: number;
}

export function sendStream(
  options: StreamOptions,
  writes: readonly Buffer[],
  close: StreamClose,
): Promise<StreamResult> {
  return new Promise((resolve) => {
    const decoder = new ReplyDecoder(options.maxReplyBytes);
    const replies: string[] = [];
    let settled = false;
    let connected = false;
    const socket: Socket = connect({ host: options.host, port: options.port });

    const finish = (
      end: StreamResult['end'],
      errorMessage?: string,
      connectError?: string,
    ): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve({
        replies,
        end,
        partialBytes: decoder.pendingBytes,
        ...(errorMessage !== undefined ? { errorMessage } : {}),
        ...(connectError !== undefined ? { connectError } : {}),
      });
    };

    // One deadline for connecting, writing and the replies: a server that stops reading
    // cannot hold a write forever.
    const deadline = setTimeout(() => {
      if (!connected) finish('error', undefined, `connect timed out after ${options.timeoutMs} ms`);
      else finish('timeout');
    }, options.timeoutMs * 2);

    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const { replies: frames, overflow } = decoder.push(chunk);
      for (const frame of frames) if (replies.length < options.maxReplies) replies.push(frame.text);
      if (overflow) finish('overflow');
    });
    socket.on('error', (error) => {
      if (!connected)
        finish(
          'error',
          undefined,
          `cannot connect to ${options.host}:${options.port}: ${error.message}`,
        );
      // After connecting, a reset by the server shows up here; what was read still counts.
      else finish('closed', error.message);
    });
    socket.on('close', () => finish('closed'));
    socket.once('connect', () => {
      connected = true;
      void (async () => {
        for (const bytes of writes) {
          if (settled || socket.destroyed) return;
          const ok = await new Promise<boolean>((done) =>
            socket.write(bytes, (error) => done(!error)),
          );
          if (!ok) return;
        }
        if (settled || socket.destroyed) return;
        if (close === 'abrupt') {
          socket.resetAndDestroy();
          finish('reset-sent');
        } else {
          socket.end();
        }
      })();
    });
  });
}
