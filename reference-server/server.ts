/** The reference server: a node:net listener running the executable model of specs/. */
import { createServer, type Server, type Socket } from 'node:net';
import { v4 as uuidv4 } from 'uuid';
import { createState, type ChatState, type TransitionContext } from '../specs/index.js';
import { serveConnection } from './connection.js';
import { resolveServerOptions, type ServerOptions } from './options.js';

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** `host:port`, with IPv6 hosts in brackets. */
  readonly address: string;
  /** The live state, for tests and tools that inspect what the server holds. */
  readonly state: ChatState;
  /** Stops listening, closes every open connection and resolves once all are gone. */
  close(): Promise<void>;
}

export async function startServer(partial: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options = resolveServerOptions(partial);
  const state = createState(options.fixture, options.limits);
  const transition: TransitionContext = { newToken: () => uuidv4() };
  const sockets = new Set<Socket>();
  let nextId = 1;

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, { state, transition, options, id: nextId++ });
  });
  server.maxConnections = options.maxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A listener error after start (rare: EMFILE on accept) must not crash the process.
  server.on('error', (error) => options.log?.(`server error: ${error.message}`));

  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('server has no TCP address');
  const host = bound.address;
  const address = host.includes(':') ? `[${host}]:${bound.port}` : `${host}:${bound.port}`;
  let closing: Promise<void> | undefined;

  return {
    host,
    port: bound.port,
    address,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
