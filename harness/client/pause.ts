/** Waits `ms` (none for 0): the gap between the pieces of a write, for reassembly tests. */
export function pause(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
