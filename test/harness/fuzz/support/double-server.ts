/**
 * Defective servers for the fuzzer's tests: the executable model of specs/ over node:net,
 * with one twist each. Every double listens on 127.0.0.1 only and can be crashed and
 * restarted on the same port, as a supervised server would be.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  LineDecoder,
  SEED_FIXTURE,
  applyLine,
  createState,
  encodeReply,
  type ChatState,
  type Reply,
  type TransitionContext,
} from '../../../../specs/index.js';

export interface Twist {
  /** Rewrites the model's reply to a line (reordering, dropping). */
  readonly reply?: (line: string, reply: Reply, state: ChatState) => Reply;
  /** Handles a line itself, possibly slowly (races); undefined to let the model answer. */
  readonly handle?: (
    line: string,
    state: ChatState,
    ctx: TransitionContext,
  ) => Promise<Reply> | undefined;
  /** Whether the bytes seen so far on a connection crash the whole server. */
  readonly killsOn?: (received: Buffer) => boolean;
  /** Like the course's servers: a line counts only once it ends in CRLF; a bare LF is held. */
  readonly requireCrlf?: boolean;
}

export interface RunningDouble {
  readonly host: string;
  readonly port: number;
  readonly state: ChatState;
  /** Times the double crashed. */
  readonly crashes: number;
  readonly alive: boolean;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startDouble(twist: Twist = {}): Promise<RunningDouble> {
  const state = createState(SEED_FIXTURE);
  const ctx: TransitionContext = { newToken: () => randomUUID() };
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let crashes = 0;

  const crash = (): void => {
    crashes++;
    const dying = server;
    server = undefined;
    dying?.close();
    for (const socket of sockets) socket.destroy();
  };

  const serve = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true);
    const decoder = new LineDecoder(16 * 1024 * 1024);
    let seen = Buffer.alloc(0);
    let pending = Buffer.alloc(0);
    // Lines as a server that waits for CRLF sees them: a bare LF does not end one, and the
    // bytes stay in the buffer until a CRLF comes.
    const crlfLines = (chunk: Buffer): string[] => {
      pending = Buffer.concat([pending, chunk]);
      const out: string[] = [];
      for (let at = pending.indexOf('\r\n'); at >= 0; at = pending.indexOf('\r\n')) {
        out.push(pending.subarray(0, at).toString('utf8'));
        pending = pending.subarray(at + 2);
      }
      return out;
    };
    // Lines of one connection are answered in order, even when a twist takes its time.
    let queue: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      if (twist.killsOn !== undefined) {
        seen = Buffer.concat([seen, chunk]).subarray(-4096);
        if (twist.killsOn(seen)) {
          crash();
          return;
        }
      }
      const { lines: decoded } = decoder.push(chunk);
      const lines = twist.requireCrlf === true ? crlfLines(chunk) : decoded;
      for (const line of lines) {
        queue = queue.then(async () => {
          const handled = twist.handle?.(line, state, ctx);
          let reply = handled !== undefined ? await handled : applyLine(state, line, ctx);
          if (twist.reply !== undefined) reply = twist.reply(line, reply, state);
          if (!socket.destroyed) socket.write(encodeReply(reply));
        });
      }
    });
  };

  const listen = async (): Promise<void> => {
    const next = createServer(serve);
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen({ host: '127.0.0.1', port }, () => resolve());
    });
    const address = next.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    port = address.port;
    server = next;
  };
  await listen();

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    state,
    get crashes() {
      return crashes;
    },
    get alive() {
      return server !== undefined;
    },
    async restart() {
      if (server === undefined) await listen();
    },
    async close() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (closing !== undefined)
        await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}

export const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
