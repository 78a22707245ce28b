/**
 * A throwaway connection for the framing fuzzer: bytes out in the writes given, then a FIN
 * (and the replies read until the server closes) or a reset. A bare socket from the target's
 * dialer rather than the harness client, because it needs what a well-behaved client never does: half-closing and
 * resetting. Bounded in time (one deadline for everything) and in memory (a reply cap).
 */
import type { Socket } from 'node:net';
import type { Dialer } from '../../net/index.js';
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
  readonly dialer: Dialer;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  /** Replies kept; more are counted only. */
  readonly maxReplies: number;
}

export async function sendStream(
  options: StreamOptions,
  writes: readonly Buffer[],
  close: StreamClose,
): Promise<StreamResult> {
  let socket: Socket;
  try {
    socket = await options.dialer.dial(options.timeoutMs);
  } catch (error) {
    return {
      replies: [],
      end: 'error',
      partialBytes: 0,
      connectError: (error as Error).message,
    };
  }
  return exchange(socket, options, writes, close);
}

function exchange(
  socket: Socket,
  options: StreamOptions,
  writes: readonly Buffer[],
  close: StreamClose,
): Promise<StreamResult> {
  return new Promise((resolve) => {
    const decoder = new ReplyDecoder(options.maxReplyBytes);
    const replies: string[] = [];
    let settled = false;

    const finish = (end: StreamResult['end'], errorMessage?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve({
        replies,
        end,
        partialBytes: decoder.pendingBytes,
        ...(errorMessage !== undefined ? { errorMessage } : {}),
      });
    };

    // One deadline for writing and the replies: a server that stops reading cannot hold a
    // write forever.
    const deadline = setTimeout(() => finish('timeout'), options.timeoutMs * 2);

    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const { replies: frames, overflow } = decoder.push(chunk);
      for (const frame of frames) if (replies.length < options.maxReplies) replies.push(frame.text);
      if (overflow) finish('overflow');
    });
    // A reset by the server shows up here; what was read still counts.
    socket.on('error', (error) => finish('closed', error.message));
    socket.on('close', () => finish('closed'));
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
}
