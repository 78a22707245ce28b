/**
 * What a load connection hears from its socket. A connection replaces its socket on every
 * reconnect, and a replaced socket may still report (a late 'close' after destroy()): only
 * the events of the socket the connection holds now reach it. 'data' comes only from a
 * socket a dialer made; one the engine connects itself reads into the shared buffer
 * instead (dial.ts, read-buffer.ts).
 */
import type { Socket } from 'node:net';

export interface SocketEvents {
  connected(): void;
  data(chunk: Buffer): void;
  /** The error's code (ECONNREFUSED), or its message when it has none. */
  error(reason: string): void;
  closed(): void;
}

export function listenToSocket(
  socket: Socket,
  current: () => Socket | undefined,
  on: SocketEvents,
): void {
  socket.on('connect', () => {
    if (current() === socket) on.connected();
  });
  socket.on('data', (chunk: Buffer) => {
    if (current() === socket) on.data(chunk);
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (current() === socket) on.error(error.code ?? error.message);
  });
  socket.on('close', () => {
    if (current() === socket) on.closed();
  });
}
