/**
 * A tiny chat server over node:net for the load tests: the executable model of specs/
 * (applyLine) with one twist, so the audit has something to catch and the open loop has a
 * stall to see. Loopback only; every connection closed by `close()`.
 *
 * - `drop`: every n-th send or send_group is answered OK and never delivered;
 * - `duplicate`: every n-th is delivered twice;
 * - `reorder`: every n-th is held back and delivered after the connection's next message to
 *   the same recipient (so the recipient sees the two in the wrong order);
 * - stalls: `stall(ms)` stops all processing for that long (lines queue up meanwhile).
 */
import { createServer, type Socket } from 'node:net';
import {
  LineDecoder,
  SEED_FIXTURE,
  applyLine,
  createState,
  encodeReply,
  parseRequestLine,
  type ChatState,
} from '../../../specs/index.js';

export type Twist =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' | 'duplicate' | 'reorder'; readonly every: number };

export interface ModelServer {
  readonly port: number;
  readonly state: ChatState;
  /** Messages the twist changed (dropped, duplicated or held back). */
  readonly twisted: () => number;
  /** Stops processing every connection's lines for `ms`. */
  stall(ms: number): void;
  close(): Promise<void>;
}

const MESSAGE_SENT = { status: 'OK', message: 'Message Sent' } as const;

export async function startModelServer(twist: Twist = { kind: 'none' }): Promise<ModelServer> {
  const state = createState(SEED_FIXTURE);
  let tokens = 0;
  const ctx = { newToken: () => `token-${++tokens}` };
  const sockets = new Set<Socket>();
  let messages = 0;
  let twisted = 0;
  let pausedUntil = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    const decoder = new LineDecoder(16 * 1024 * 1024);
    const queue: string[] = [];
    /** Held-back lines by recipient (user or group). */
    const held = new Map<string, string>();
    let waiting = false;

    const handle = (line: string): void => {
      const parsed = parseRequestLine(line);
      const isMessage =
        parsed.ok && (parsed.request.command === 'SEND' || parsed.request.command === 'SEND_GROUP');
      if (!isMessage || twist.kind === 'none') {
        socket.write(encodeReply(applyLine(state, line, ctx)));
        return;
      }
      messages++;
      const hit = messages % twist.every === 0;
      if (twist.kind === 'drop' && hit) {
        twisted++;
        socket.write(encodeReply(MESSAGE_SENT));
        return;
      }
      if (twist.kind === 'duplicate' && hit) {
        twisted++;
        applyLine(state, line, ctx);
        socket.write(encodeReply(applyLine(state, line, ctx)));
        return;
      }
      if (twist.kind === 'reorder') {
        const request = parsed.request as { to?: string; group?: string };
        const target = request.to ?? request.group ?? '';
        const earlier = held.get(target);
        if (hit && earlier === undefined) {
          twisted++;
          held.set(target, line);
          socket.write(encodeReply(MESSAGE_SENT));
          return;
        }
        socket.write(encodeReply(applyLine(state, line, ctx)));
        if (earlier !== undefined) {
          applyLine(state, earlier, ctx);
          held.delete(target);
        }
        return;
      }
      socket.write(encodeReply(applyLine(state, line, ctx)));
    };

    const drain = (): void => {
      const wait = pausedUntil - Date.now();
      if (wait > 0) {
        if (!waiting) {
          waiting = true;
          setTimeout(() => {
            waiting = false;
            drain();
          }, wait);
        }
        return;
      }
      while (queue.length > 0 && !socket.destroyed) handle(queue.shift()!);
    };

    socket.on('data', (chunk: Buffer) => {
      queue.push(...decoder.push(chunk).lines);
      drain();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      for (const line of held.values()) applyLine(state, line, ctx);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    state,
    twisted: () => twisted,
    stall(ms: number) {
      pausedUntil = Date.now() + ms;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
