/**
 * What a load connection hears from its socket. A connection replaces its socket on every
 * reconnect, and a replaced socket may still report (a late 'close' after destroy()): only
 * the events of the socket the connection holds now reach it, because it lets go of a socket
 * (`forgetSocket`) before it closes it.
 *
 * The listeners are functions shared by every socket, which find their connection on the
 * socket itself: closures per socket (and their contexts) would cost about half a kilobyte for
 * each of tens of thousands of connections, for the whole run. A socket the engine connects
 * itself reads into the thread's shared buffer (read-buffer.ts) through `readIntoListener`
 * and emits no 'data'; 'data' comes only from a socket a dialer made.
 */
import type { Socket } from 'node:net';

export interface SocketEvents {
  socketConnected(): void;
  socketData(chunk: Buffer): void;
  /** Bytes read into the shared buffer: `view` is valid only during the call. */
  socketRead(view: Buffer): void;
  /** The error's code (ECONNREFUSED), or its message when it has none. */
  socketError(reason: string): void;
  socketClosed(): void;
}

const LISTENER = Symbol('load connection');

type Listened = Socket & { [LISTENER]: SocketEvents | undefined };

function onConnect(this: Listened): void {
  this[LISTENER]?.socketConnected();
}

function onData(this: Listened, chunk: Buffer): void {
  this[LISTENER]?.socketData(chunk);
}

/**
 * The `onread` callback of a socket connected with the shared buffer: Node calls it with the
 * socket as `this`, so one function serves every socket.
 */
export function readIntoListener(this: Socket, bytes: number, buffer: Buffer): boolean {
  (this as Listened)[LISTENER]?.socketRead(buffer.subarray(0, bytes));
  return true;
}

function onError(this: Listened, error: NodeJS.ErrnoException): void {
  this[LISTENER]?.socketError(error.code ?? error.message);
}

function onClose(this: Listened): void {
  this[LISTENER]?.socketClosed();
}

export function listenToSocket(socket: Socket, on: SocketEvents): void {
  (socket as Listened)[LISTENER] = on;
  socket.on('connect', onConnect);
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('close', onClose);
}

/** Nothing more from this socket reaches its connection. */
export function forgetSocket(socket: Socket): void {
  (socket as Listened)[LISTENER] = undefined;
}
