/**
 * Connections asked of the agent and not yet answered: each gets an id, is settled by the
 * agent's `dialed` or `dial-failed`, or times out on its own if the agent no longer answers.
 */
import type { Socket } from 'node:net';

/** Beyond a dial's own timeout, for an agent that no longer answers. */
const DIAL_SLACK_MS = 2000;

interface PendingDial {
  resolve: (socket: Socket) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class PendingDials {
  readonly #pending = new Map<number, PendingDial>();
  #nextId = 1;

  /** Registers a dial and calls `send` with its id; the promise settles with the agent's answer. */
  add(address: string, timeoutMs: number, send: (id: number) => void): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`connect to ${address} timed out after ${timeoutMs} ms`));
      }, timeoutMs + DIAL_SLACK_MS);
      this.#pending.set(id, { resolve, reject, timer });
      send(id);
    });
  }

  /** Hands the socket to its dial; a socket nobody waits for any more is closed. */
  connected(id: number, handle: Socket | undefined): void {
    const pending = this.#pending.get(id);
    if (pending === undefined || handle === undefined) {
      handle?.destroy();
      return;
    }
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(handle);
  }

  failed(id: number, message: string): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(new Error(message));
  }

  /** Rejects every dial still waiting (the server has ended). */
  failAll(message: string): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(message));
      this.#pending.delete(id);
    }
  }
}
