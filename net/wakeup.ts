/**
 * Waiting for something a socket's events bring (a reply, the end of the connection) without
 * polling: the waiter sleeps until an event wakes it or its time is up, then checks again.
 * One waiter at a time; the events call wake() whether or not anyone waits.
 */
export class Wakeup {
  #wake: (() => void) | undefined;

  /** Wakes the waiter, if there is one, to check again. */
  wake(): void {
    this.#wake?.();
  }

  /**
   * Resolves with what `check` returns once it is not undefined, checking now and after every
   * wake; undefined when `timeoutMs` passes first.
   */
  async until<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remainingMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
