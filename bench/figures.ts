/** How a bench section states its figures: medians of its rounds, rounded, and listed. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Per-round figures for a summary line: `1.5, 1.7, 1.6`. */
export function list(values: readonly number[], decimals = 0): string {
  return values.map((v) => round(v, decimals)).join(', ');
}
