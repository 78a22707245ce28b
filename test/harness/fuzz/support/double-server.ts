/**
 * Defective servers for the fuzzer's tests: the executable model of specs/ over node:net,
 * with one twist each. Every double listens on 127.0.0.1 only and can be crashed and
 * restarted on the same port, as a supervised server would be.
 */
import type { ChatState, Reply, TransitionContext } from '../../../../specs/index.js';
import { encodeReply } from '../../../../specs/index.js';
import { serveModel } from '../../../support/model-server.js';

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

/**
 * Lines as a server that waits for CRLF sees them: a bare LF does not end one, and the bytes
 * stay in the buffer until a CRLF comes.
 */
function crlfFrame(): (chunk: Buffer) => string[] {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    const out: string[] = [];
    for (let at = pending.indexOf('\r\n'); at >= 0; at = pending.indexOf('\r\n')) {
      out.push(pending.subarray(0, at).toString('utf8'));
      pending = pending.subarray(at + 2);
    }
    return out;
  };
}

export async function startDouble(twist: Twist = {}): Promise<RunningDouble> {
  let crashes = 0;
  const server = await serveModel({
    connection: (socket, model) => {
      socket.setNoDelay(true);
      let seen = Buffer.alloc(0);
      // Lines of one connection are answered in order, even when a twist takes its time.
      let queue: Promise<void> = Promise.resolve();
      return {
        beforeDecode: (chunk) => {
          if (twist.killsOn === undefined) return true;
          seen = Buffer.concat([seen, chunk]).subarray(-4096);
          if (!twist.killsOn(seen)) return true;
          crashes++;
          model.crash();
          return false;
        },
        frame: twist.requireCrlf === true ? crlfFrame() : undefined,
        onLine: (line) => {
          queue = queue.then(async () => {
            const handled = twist.handle?.(line, model.state, model.ctx);
            let reply = handled !== undefined ? await handled : model.apply(line);
            if (twist.reply !== undefined) reply = twist.reply(line, reply, model.state);
            if (!socket.destroyed) socket.write(encodeReply(reply));
          });
        },
      };
    },
  });

  return {
    host: server.host,
    get port() {
      return server.port;
    },
    state: server.state,
    get crashes() {
      return crashes;
    },
    get alive() {
      return server.listening;
    },
    restart: () => server.restart(),
    close: () => server.close(),
  };
}

export const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
