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
import { encodeReply, parseRequestLine, type ChatState } from '../../../specs/index.js';
import { serveModel } from '../../support/model-server.js';

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
  let tokens = 0;
  let messages = 0;
  let twisted = 0;
  let pausedUntil = 0;

  const server = await serveModel({
    newToken: () => `token-${++tokens}`,
    connection: (socket, model) => {
      const queue: string[] = [];
      /** Held-back lines by recipient (user or group). */
      const held = new Map<string, string>();
      let waiting = false;

      const handle = (line: string): void => {
        const parsed = parseRequestLine(line);
        const isMessage =
          parsed.ok &&
          (parsed.request.command === 'SEND' || parsed.request.command === 'SEND_GROUP');
        if (!isMessage || twist.kind === 'none') {
          socket.write(model.answer(line));
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
          model.apply(line);
          socket.write(model.answer(line));
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
          socket.write(model.answer(line));
          if (earlier !== undefined) {
            model.apply(earlier);
            held.delete(target);
          }
          return;
        }
        socket.write(model.answer(line));
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

      return {
        onLine: (line) => {
          queue.push(line);
          drain();
        },
        onClose: () => {
          for (const line of held.values()) model.apply(line);
        },
      };
    },
  });
  return {
    port: server.port,
    state: server.state,
    twisted: () => twisted,
    stall(ms: number) {
      pausedUntil = Date.now() + ms;
    },
    close: () => server.close(),
  };
}
