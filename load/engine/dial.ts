/**
 * How a load connection gets its socket. With a plain TCP dialer (its `tcp` field set) the
 * connect is synchronous: no promise per connection, and a refused or reset connect arrives as
 * socket events, like everything after it. Any other dialer (a server reached only through its
 * launcher) is asked with dial(): its socket comes later, already connected, or not at all.
 * A chosen local address (--local-address) needs the plain TCP path: a launcher's dialer makes
 * its sockets inside the server's network namespace, where this machine's addresses are not.
 */
import { connect, type Socket } from 'node:net';
import type { Dialer } from '../../net/index.js';
import { sharedReadBuffer } from './read-buffer.js';
import { readIntoListener } from './socket-events.js';

export interface DialHandlers {
  /** Whether the attempt still wants a socket; one that arrives after it gave up is closed. */
  wanted(): boolean;
  /** The socket; `connected` when it is connected already (no 'connect' event follows). */
  attach(socket: Socket, connected: boolean): void;
  /** The dialer could not connect: its one-line reason. */
  failed(reason: string): void;
}

export function dialSocket(
  dialer: Dialer,
  timeoutMs: number,
  on: DialHandlers,
  localAddress?: string,
): void {
  const tcp = dialer.tcp;
  if (tcp !== undefined) {
    const onread = { buffer: sharedReadBuffer(), callback: readIntoListener };
    const options = { host: tcp.host, port: tcp.port, onread };
    on.attach(connect(localAddress === undefined ? options : { ...options, localAddress }), false);
    return;
  }
  if (localAddress !== undefined) {
    on.failed(`${dialer.address} cannot be reached from local address ${localAddress}`);
    return;
  }
  dialer.dial(timeoutMs).then(
    (socket) => {
      if (on.wanted()) on.attach(socket, true);
      else socket.destroy();
    },
    (error: Error) => {
      if (on.wanted()) on.failed(error.message);
    },
  );
}
