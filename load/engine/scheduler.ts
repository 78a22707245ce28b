/**
 * The open loop's clock: connections that are free but not yet due wait here, ordered by when
 * their next request is due, behind one timer. A heap keeps this O(log n) per request however
 * many connections there are; a timer per connection would not scale to tens of thousands.
 */

export interface Schedulable {
  /** Called when the connection's due time has come. */
  wake(): void;
}

export class DueScheduler {
  /**
   * The heap, as two parallel arrays: an entry object per request would live until its due
   * time, long enough at tens of thousands of requests a second to be promoted out of V8's
   * young generation and swell the heap.
   */
  readonly #due: number[] = [];
  readonly #targets: Schedulable[] = [];
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #timerDueMs = Infinity;
  #stopped = false;

  constructor(now: () => number) {
    this.#now = now;
  }

  get size(): number {
    return this.#due.length;
  }

  /** Wakes `target` at `dueMs` (on the `now` clock). */
  at(dueMs: number, target: Schedulable): void {
    if (this.#stopped) return;
    this.#push(dueMs, target);
    if (dueMs < this.#timerDueMs) this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due.length = 0;
    this.#targets.length = 0;
  }

  #arm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#due.length === 0) {
      this.#timer = undefined;
      this.#timerDueMs = Infinity;
      return;
    }
    const top = this.#due[0]!;
    this.#timerDueMs = top;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, top - this.#now()));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerDueMs = Infinity;
    // Timers fire at millisecond granularity: whatever is due within half of one goes now.
    const now = this.#now() + 0.5;
    const due: Schedulable[] = [];
    while (this.#due.length > 0 && this.#due[0]! <= now) due.push(this.#pop());
    for (const target of due) {
      if (this.#stopped) return;
      target.wake();
    }
    if (!this.#stopped && this.#timer === undefined) this.#arm();
  }

  #push(dueMs: number, target: Schedulable): void {
    const due = this.#due;
    const targets = this.#targets;
    let i = due.length;
    due.push(dueMs);
    targets.push(target);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (due[parent]! <= dueMs) break;
      due[i] = due[parent]!;
      targets[i] = targets[parent]!;
      i = parent;
    }
    due[i] = dueMs;
    targets[i] = target;
  }

  /** Removes and returns the earliest target; the heap must not be empty. */
  #pop(): Schedulable {
    const due = this.#due;
    const targets = this.#targets;
    const top = targets[0]!;
    const lastDue = due.pop()!;
    const lastTarget = targets.pop()!;
    const n = due.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && due[right]! < due[left]! ? right : left;
      if (due[child]! >= lastDue) break;
      due[i] = due[child]!;
      targets[i] = targets[child]!;
      i = child;
    }
    due[i] = lastDue;
    targets[i] = lastTarget;
    return top;
  }
}
