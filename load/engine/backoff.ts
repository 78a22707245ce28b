/**
 * How long a load connection waits before connecting again after a failure: doubling from
 * 100 ms to at most 2 s, and back to the start once a login succeeds, so a server that dies
 * mid-run is retried without a storm of connects.
 */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2000;

export class ReconnectBackoff {
  #delayMs = FIRST_BACKOFF_MS;

  /** The wait before this retry; the next one waits twice as long, up to the limit. */
  nextDelayMs(): number {
    const delayMs = this.#delayMs;
    this.#delayMs = Math.min(delayMs * 2, MAX_BACKOFF_MS);
    return delayMs;
  }

  reset(): void {
    this.#delayMs = FIRST_BACKOFF_MS;
  }
}
