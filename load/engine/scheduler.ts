/**
 * The open loop's clock: connections that are free but not yet due wait here, ordered by when
 * their next request is due, behind one timer. A heap keeps this O(log n) per request however
 * many connections there are; a timer per connection would not scale to tens of thousands.
 */

export interface Schedulable {
  /** Called when the connection's due time has come. */
  wake(): void;
}

interface Entry {
  readonly dueMs: number;
  readonly target: Schedulable;
}

export class DueScheduler {
  readonly #heap: Entry[] = [];
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #timerDueMs = Infinity;
  #stopped = false;

  constructor(now: () => number) {
    this.#now = now;
  }

  get size(): number {
    return this.#heap.length;
  }

  /** Wakes `target` at `dueMs` (on the `now` clock). */
  at(dueMs: number, target: Schedulable): void {
    if (this.#stopped) return;
    this.#push({ dueMs, target });
    if (dueMs < this.#timerDueMs) this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#heap.length = 0;
  }

  #arm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const top = this.#heap[0];
    if (top === undefined) {
      this.#timer = undefined;
      this.#timerDueMs = Infinity;
      return;
    }
    this.#timerDueMs = top.dueMs;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, top.dueMs - this.#now()));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerDueMs = Infinity;
    // Timers fire at millisecond granularity: whatever is due within half of one goes now.
    const now = this.#now() + 0.5;
    const due: Schedulable[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.dueMs <= now) due.push(this.#pop()!.target);
    for (const target of due) {
      if (this.#stopped) return;
      target.wake();
    }
    if (!this.#stopped && this.#timer === undefined) this.#arm();
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.dueMs <= entry.dueMs) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  #pop(): Entry | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.dueMs < heap[left]!.dueMs ? right : left;
      if (heap[child]!.dueMs >= last.dueMs) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
