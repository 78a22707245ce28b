/**
 * Open loop: when a connection's next request is due. Each connection's schedule starts at its
 * first login, offset within one interval by its index so the connections do not fire together,
 * and then advances one interval per request whether or not the replies keep up.
 */
import type { EngineContext } from './context.js';
import type { Schedulable } from './scheduler.js';

export class OpenLoopPacing {
  /** When the next request is due; NaN until the first login. */
  #nextDueMs = Number.NaN;
  /** Whether the scheduler already holds a wake-up for #nextDueMs. */
  #scheduled = false;

  /** The connection is logged in; only its first login sets the schedule. */
  begin(nowMs: number, intervalMs: number, localIndex: number): void {
    if (!Number.isNaN(this.#nextDueMs)) return;
    const phase = (localIndex % 1000) / 1000;
    this.#nextDueMs = nowMs + phase * intervalMs;
  }

  /** The scheduler has woken the connection. */
  woken(): void {
    this.#scheduled = false;
  }

  /**
   * The time the next request was due, if it is due by `nowMs` (the schedule moves on one
   * interval); otherwise undefined, with one wake-up asked of the scheduler for when it is.
   */
  take(
    nowMs: number,
    intervalMs: number,
    ctx: Pick<EngineContext, 'wakeAt'>,
    who: Schedulable,
  ): number | undefined {
    if (this.#nextDueMs > nowMs) {
      if (!this.#scheduled) {
        this.#scheduled = true;
        ctx.wakeAt(this.#nextDueMs, who);
      }
      return undefined;
    }
    const due = this.#nextDueMs;
    this.#nextDueMs += intervalMs;
    return due;
  }
}
