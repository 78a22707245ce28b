/**
 * How a load connection gets its socket. With a plain TCP dialer (its `tcp` field set) the
 * connect is synchronous: no promise per connection, and a refused or reset connect arrives as
 * socket events, like everything after it. Any other dialer (a server reached only through its
 * launcher) is asked with dial(): its socket comes later, already connected, or not at all.
 */
import { connect, type Socket } from 'node:net';
import type { Dialer } from '../../net/index.js';
import { sharedReadBuffer } from './read-buffer.js';

export interface DialHandlers {
  /** Whether the attempt still wants a socket; one that arrives after it gave up is closed. */
  wanted(): boolean;
  /** The socket; `connected` when it is connected already (no 'connect' event follows). */
  attach(socket: Socket, connected: boolean): void;
  /** The dialer could not connect: its one-line reason. */
  failed(reason: string): void;
  /**
   * Bytes read by a socket this module connected itself, which reads into the shared buffer
   * (read-buffer.ts) and emits no 'data': `view` is valid only during the call.
   */
  read(socket: Socket, view: Buffer): void;
}

export function dialSocket(dialer: Dialer, timeoutMs: number, on: DialHandlers): void {
  const tcp = dialer.tcp;
  if (tcp !== undefined) {
    const buffer = sharedReadBuffer();
    const socket: Socket = connect({
      host: tcp.host,
      port: tcp.port,
      onread: {
        buffer,
        callback: (bytes) => {
          on.read(socket, buffer.subarray(0, bytes));
          return true;
        },
      },
    });
    on.attach(socket, false);
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
