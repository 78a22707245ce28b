/** The reference server: a node:net listener running the executable model of specs/. */
import { createServer, type Server, type Socket } from 'node:net';
import { v4 as uuidv4 } from 'uuid';
import { formatHostPort } from '../net/index.js';
import { createState, type ChatState, type TransitionContext } from '../specs/index.js';
import { serveConnection, type ConnectionContext } from './connection.js';
import { composeDefects } from './defects/index.js';
import { serverDialect, type ServerDialect } from './dialect.js';
import { requestDescriber } from './request-log.js';
import {
  defectSpecsOf,
  resolveServerOptions,
  selectDefects,
  type ServerOptions,
} from './options.js';
import { IdleOrder } from './idle-order.js';

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
  const composed = composeDefects(selectDefects(defectSpecsOf(options)));
  if (!composed.ok) throw new Error(composed.reason); // resolveServerOptions has checked this
  const defects = composed.pipeline;
  const state = createState(options.fixture, options.limits);
  const dialect: ServerDialect | undefined =
    options.dialect === undefined || options.dialect === 'canonical'
      ? undefined
      : serverDialect(options.dialect, options.fixture);
  const describeRequest =
    options.log === undefined ? undefined : requestDescriber(dialect?.dialect, options.fixture);
  const transition: TransitionContext = { newToken: defects.newToken(() => uuidv4()) };
  // Open connections, least recently heard from first: the first one is the longest idle.
  const sockets = new IdleOrder<Socket>();
  let nextId = 1;
  let requests = 0;
  let crashed = false;
  const pendingLines = { used: 0 };

  // One context for every connection: what is a connection's own is passed beside it.
  const shared: ConnectionContext = {
    state,
    transition,
    defects,
    ...(dialect === undefined ? {} : { dialect }),
    options,
    countRequest,
    idleOrder: sockets,
    pendingLines,
    ...(describeRequest === undefined ? {} : { describeRequest }),
  };

  const server: Server = createServer((socket) => {
    // The course's clients hold one connection for a whole session and wait on their user,
    // and some spin on a closed socket: an idle connection is closed only to make room.
    if (sockets.size >= options.maxConnections) closeLongestIdle();
    serveConnection(socket, nextId++, sockets.add(socket), shared);
  });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));

  function closeLongestIdle(): void {
    const oldest = sockets.shift();
    if (oldest === undefined) return;
    options.log?.(
      `at ${options.maxConnections} connections: closing the longest idle one to admit a new one`,
    );
    oldest.destroy();
  }

  function dropEverything(): void {
    if (server.listening) server.close();
    for (const socket of sockets.items()) socket.destroy();
  }

  /** The crashes-after-requests defect: like a process that died, minus the process. */
  function countRequest(): boolean {
    if (crashed) return false;
    requests++;
    if (defects.crashAfterRequests !== undefined && requests > defects.crashAfterRequests) {
      crashed = true;
      options.log?.(`crash (defect) at request ${requests}: listener stopped, connections dropped`);
      dropEverything();
      return false;
    }
    return true;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A listener error after start (rare: EMFILE on accept) must not crash the process.
  server.on('error', (error) => options.log?.(`server error: ${error.message}`));
  if (options.profile !== undefined) options.log?.(`profile: ${options.profile}`);
  if (defects.names.length > 0) options.log?.(`defects: ${defects.names.join(', ')}`);
  if (dialect !== undefined) {
    options.log?.(`dialect: ${dialect.dialect.name} (${dialect.dialect.spec.source ?? 'given'})`);
  }

  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('server has no TCP address');
  const host = bound.address;
  const address = formatHostPort(host, bound.port);

  return {
    host,
    port: bound.port,
    address,
    state,
    close() {
      dropEverything();
      return closed;
    },
  };
}
