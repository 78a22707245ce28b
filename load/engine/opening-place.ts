/**
 * One of the engine's places for connections being opened. A connection holds it from the
 * connect until the login's reply: a connection the server has not even accepted yet counts.
 * Releasing it at the TCP handshake instead would let connects outrun a busy server's accept
 * queue (they overflow it, and the kernel then retransmits for seconds).
 */
import type { EngineContext } from './context.js';

export class OpeningPlace {
  readonly #ctx: Pick<EngineContext, 'connectFinished'>;
  #held = false;

  constructor(ctx: Pick<EngineContext, 'connectFinished'>) {
    this.#ctx = ctx;
  }

  hold(): void {
    this.#held = true;
  }

  /** Gives the place back to the engine, once; releasing a place not held does nothing. */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    this.#ctx.connectFinished();
  }
}
