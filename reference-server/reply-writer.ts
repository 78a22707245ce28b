/**
 * Writes a connection's replies in order, at once or each after a fixed delay (the
 * slow-replies defect). Delayed replies count as queued bytes for backpressure, and their
 * timers die with the socket (its owner calls dispose() when it closes), so close() never
 * waits on them. A reply is text, written in the encoder's encoding by the socket itself: no
 * Buffer is made for it on the way. What only a delay or a full socket needs is made when
 * first needed: a server may hold tens of thousands of writers.
 */
import type { Socket } from 'node:net';

export class ReplyWriter {
  readonly #socket: Socket;
  readonly #delayMs: number;
  readonly #encoding: BufferEncoding;
  #timers: Set<NodeJS.Timeout> | undefined;
  #delayedBytes = 0;
  #roomWaiter: (() => void) | undefined;
  #wakeRoom: (() => void) | undefined;

  constructor(socket: Socket, delayMs: number, encoding: BufferEncoding) {
    this.#socket = socket;
    this.#delayMs = delayMs;
    this.#encoding = encoding;
  }

  /** Reply bytes not yet taken by the kernel, including those still waiting out a delay. */
  get queuedBytes(): number {
    return this.#socket.writableLength + this.#delayedBytes;
  }

  write(text: string): void {
    // Only a delayed reply's bytes are counted (a pass over it); the socket counts the rest.
    if (this.#delayMs === 0) {
      if (!this.#socket.destroyed) this.#socket.write(text, this.#encoding);
      return;
    }
    this.#later(Buffer.byteLength(text, this.#encoding), () => {
      if (!this.#socket.destroyed) this.#socket.write(text, this.#encoding);
    });
  }

  /**
   * Calls back once queued bytes may have gone down: the socket drained, or a delayed reply
   * left. The caller checks again (one waiter at a time; a new one replaces the old).
   */
  onceRoom(callback: () => void): void {
    this.#roomWaiter = callback;
    this.#wakeRoom ??= () => this.#roomMade();
    this.#socket.once('drain', this.#wakeRoom);
  }

  #roomMade(): void {
    const waiter = this.#roomWaiter;
    this.#roomWaiter = undefined;
    if (this.#wakeRoom !== undefined) this.#socket.off('drain', this.#wakeRoom);
    waiter?.();
  }

  /** Ends the connection once every earlier reply is written. */
  end(): void {
    this.#later(0, () => this.#socket.end());
  }

  /** Stops every delayed write: called once the socket has closed. */
  dispose(): void {
    for (const timer of this.#timers ?? []) clearTimeout(timer);
    this.#timers = undefined;
    this.#delayedBytes = 0;
    this.#roomWaiter = undefined;
  }

  #later(bytes: number, action: () => void): void {
    if (this.#delayMs === 0) return action();
    this.#delayedBytes += bytes;
    const timers = (this.#timers ??= new Set());
    const timer = setTimeout(() => {
      timers.delete(timer);
      this.#delayedBytes -= bytes;
      action();
      this.#roomMade();
    }, this.#delayMs);
    timers.add(timer);
  }
}
