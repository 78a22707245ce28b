/** Wall-clock intervals of the engines that made up a run: its duration and its whole seconds. */

export type Interval = readonly [startMs: number, endMs: number];

/** Overlapping or touching intervals joined, sorted by start. */
export function unionOf(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Time during which at least one engine ran: concurrent runs count once, gaps not at all. */
export function coveredMs(intervals: readonly Interval[]): number {
  return unionOf(intervals).reduce((ms, [start, end]) => ms + (end - start), 0);
}

/** Whether the whole of wall-clock second `epochSecond` lies inside the (joined) intervals. */
export function coversSecond(union: readonly Interval[], epochSecond: number): boolean {
  const from = epochSecond * 1000;
  const to = from + 1000;
  return union.some(([start, end]) => start <= from && end >= to);
}
