/**
 * Compact, exact encodings of the sequence numbers an audit keeps, so that results written to
 * JSON and merged later keep every id:
 * - a set of seqs as sorted half-open ranges `[start, end, start, end, …]` (acks arrive in
 *   order, so a stream's acks are usually one range);
 * - an ordered list of seqs as runs `[first, step, count, …]` (a recipient sees every n-th
 *   message of a stream, so a read is usually one run), which keeps the order as received.
 */

/** Appends seqs to a range list; cheap when seqs arrive in increasing order. */
export class RangeSetBuilder {
  readonly #ranges: number[] = [];
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(seq: number): void {
    const r = this.#ranges;
    const n = r.length;
    this.#count++;
    if (n > 0 && r[n - 1] === seq) {
      r[n - 1] = seq + 1;
      return;
    }
    if (n === 0 || seq > r[n - 1]!) {
      r.push(seq, seq + 1);
      return;
    }
    // Out of order (rare): rebuild through the general path.
    const all = decodeRanges(r);
    all.push(seq);
    const rebuilt = encodeRanges(all);
    r.length = 0;
    r.push(...rebuilt);
    this.#count = countRanges(r);
  }

  toArray(): number[] {
    return [...this.#ranges];
  }
}

export function encodeRanges(seqs: readonly number[]): number[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const seq of sorted) {
    if (out.length > 0 && out[out.length - 1] === seq) out[out.length - 1] = seq + 1;
    else out.push(seq, seq + 1);
  }
  return out;
}

export function decodeRanges(ranges: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    for (let s = ranges[i]!; s < ranges[i + 1]!; s++) out.push(s);
  }
  return out;
}

export function countRanges(ranges: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + 1 < ranges.length; i += 2) n += ranges[i + 1]! - ranges[i]!;
  return n;
}

export function rangesContain(ranges: readonly number[], seq: number): boolean {
  // Binary search over the starts.
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = ranges[2 * mid]!;
    const end = ranges[2 * mid + 1]!;
    if (seq < start) hi = mid - 1;
    else if (seq >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Merges range lists (sets union). */
export function unionRanges(lists: ReadonlyArray<readonly number[]>): number[] {
  const pairs: Array<[number, number]> = [];
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i += 2) pairs.push([list[i]!, list[i + 1]!]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of pairs) {
    const n = out.length;
    if (n > 0 && start <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, end);
    else out.push(start, end);
  }
  return out;
}

/** Encodes an ordered list as arithmetic runs `[first, step, count, …]`, order kept. */
export function encodeRuns(seqs: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < seqs.length) {
    const first = seqs[i]!;
    if (i + 1 >= seqs.length) {
      out.push(first, 1, 1);
      break;
    }
    const step = seqs[i + 1]! - first;
    let count = 2;
    while (i + count < seqs.length && seqs[i + count]! - seqs[i + count - 1]! === step) count++;
    out.push(first, step, count);
    i += count;
  }
  return out;
}

export function decodeRuns(runs: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 2 < runs.length; i += 3) {
    const first = runs[i]!;
    const step = runs[i + 1]!;
    const count = runs[i + 2]!;
    for (let k = 0; k < count; k++) out.push(first + k * step);
  }
  return out;
}
