/**
 * A loopback address whose server can be swapped: every connection accepted is joined to a
 * connection the current backend's dialer opens. An engine that keeps one address for a whole
 * run (the fuzzer) can so be given a new server between its cases.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Dialer } from './dialer.js';

export interface Forwarder {
  readonly host: string;
  readonly port: number;
  /** Where new connections go from now on; open ones keep their backend. */
  setBackend(dialer: Dialer): void;
  /** Stops listening and ends every forwarded connection. */
  close(): Promise<void>;
}

export async function startForwarder(
  backend: Dialer,
  dialTimeoutMs: number,
  host = '127.0.0.1',
): Promise<Forwarder> {
  let current = backend;
  const open = new Set<Socket>();
  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    // A reset on either side ends the pair (below); it is no error of the forwarder's.
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    client.pause();
    current.dial(dialTimeoutMs).then(
      (upstream) => {
        track(upstream);
        if (client.destroyed) {
          upstream.destroy();
          return;
        }
        client.pipe(upstream);
        upstream.pipe(client);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('forwarder has no port');
  return {
    host,
    port: address.port,
    setBackend(dialer) {
      current = dialer;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
