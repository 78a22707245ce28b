/**
 * The one model server every test double is built on: node:net on 127.0.0.1, the executable
 * model of specs/ (`applyLine` over `createState(fixture)`), one `LineDecoder` per connection,
 * every socket tracked so that `close()` and `crash()` drop them all. A double adds its twist
 * through per-connection hooks; without hooks each line gets the model's reply.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  LineDecoder,
  SEED_FIXTURE,
  applyLine,
  createState,
  encodeReply,
  type ChatState,
  type Fixture,
  type Reply,
  type TransitionContext,
} from '../../specs/index.js';

/** What a double does with one connection; every hook is optional. */
export interface ConnectionHooks {
  /** Sees each chunk first; returning false leaves the chunk undecoded. */
  readonly beforeDecode?: (chunk: Buffer) => boolean;
  /** Replaces the `LineDecoder` framing (course servers frame requests their own way). */
  readonly frame?: (chunk: Buffer) => readonly string[];
  /** Answers one line; by default the model's reply is written. */
  readonly onLine?: (line: string) => void;
  /** A line longer than `maxLineBytes`; by default ignored. */
  readonly onOverflow?: () => void;
  /** The connection closed. */
  readonly onClose?: () => void;
}

export interface ModelServerOptions {
  readonly fixture?: Fixture;
  /** Session tokens; random UUIDs unless given. */
  readonly newToken?: () => string;
  /** Longest request line a connection's decoder holds. */
  readonly maxLineBytes?: number;
  readonly connection?: (socket: Socket, server: ModelDouble) => ConnectionHooks | void;
}

export interface ModelDouble {
  readonly host: '127.0.0.1';
  /** Stays the same across `crash()` and `restart()`. */
  readonly port: number;
  readonly state: ChatState;
  readonly ctx: TransitionContext;
  readonly listening: boolean;
  /** Applies a line to the state and returns the model's reply. */
  apply(line: string): Reply;
  /** The model's reply to a line, framed for the wire. */
  answer(line: string): Buffer;
  /** Stops listening and drops every connection at once, as a dying process would. */
  crash(): void;
  /** Listens again on the same port after a crash; nothing if still listening. */
  restart(): Promise<void>;
  /** Stops listening, drops every connection, and resolves once the listener is closed. */
  close(): Promise<void>;
}

export async function serveModel(options: ModelServerOptions = {}): Promise<ModelDouble> {
  const state = createState(options.fixture ?? SEED_FIXTURE);
  const ctx: TransitionContext = { newToken: options.newToken ?? (() => randomUUID()) };
  const maxLineBytes = options.maxLineBytes ?? 16 * 1024 * 1024;
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let closing: Promise<void> = Promise.resolve();

  const stop = (): void => {
    const dying = server;
    server = undefined;
    if (dying !== undefined) closing = new Promise<void>((resolve) => dying.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
  };

  const serve = (socket: Socket): void => {
    sockets.add(socket);
    const hooks = options.connection?.(socket, double) ?? {};
    socket.on('close', () => {
      sockets.delete(socket);
      hooks.onClose?.();
    });
    socket.on('error', () => undefined);
    const onLine = hooks.onLine ?? ((line: string) => socket.write(double.answer(line)));
    const decoder = hooks.frame === undefined ? new LineDecoder(maxLineBytes) : undefined;
    socket.on('data', (chunk: Buffer) => {
      if (hooks.beforeDecode !== undefined && !hooks.beforeDecode(chunk)) return;
      if (decoder === undefined) {
        for (const line of hooks.frame!(chunk)) onLine(line);
        return;
      }
      const { lines, overflow } = decoder.push(chunk);
      for (const line of lines) onLine(line);
      if (overflow) hooks.onOverflow?.();
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

  const double: ModelDouble = {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    state,
    ctx,
    get listening() {
      return server !== undefined;
    },
    apply: (line) => applyLine(state, line, ctx),
    answer: (line) => encodeReply(applyLine(state, line, ctx)),
    crash: stop,
    async restart() {
      if (server === undefined) await listen();
    },
    close() {
      stop();
      return closing;
    },
  };
  await listen();
  return double;
}
