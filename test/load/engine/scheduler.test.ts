/** The open loop's scheduler wakes each connection once, no earlier than due, in due order. */
import { describe, expect, it } from 'vitest';
import { DueScheduler } from '../../../load/engine/scheduler.js';

describe('DueScheduler', () => {
  it('wakes targets in order of due time, none before it is due', async () => {
    const scheduler = new DueScheduler(() => performance.now());
    const start = performance.now();
    const woken: Array<[number, number]> = [];
    const dues = [30, 5, 20, 5, 12, 40, 1];
    await new Promise<void>((resolve) => {
      dues.forEach((d, i) =>
        scheduler.at(start + d, {
          wake: () => {
            woken.push([i, performance.now() - start]);
            if (woken.length === dues.length) resolve();
          },
        }),
      );
    });
    const order = woken.map(([i]) => dues[i]!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const [i, at] of woken) expect(at).toBeGreaterThanOrEqual(dues[i]! - 0.5);
    expect(scheduler.size).toBe(0);
  });

  it('keeps heap order over many entries added while it runs', async () => {
    const scheduler = new DueScheduler(() => performance.now());
    const start = performance.now();
    const dues = Array.from({ length: 300 }, (_, i) => (i * 7919) % 25);
    const woken: number[] = [];
    await new Promise<void>((resolve) => {
      dues.forEach((d) =>
        scheduler.at(start + d, {
          wake: () => {
            woken.push(d);
            if (woken.length === dues.length) resolve();
          },
        }),
      );
    });
    expect(woken).toEqual([...dues].sort((a, b) => a - b));
  });

  it('wakes nothing once stopped', async () => {
    const scheduler = new DueScheduler(() => performance.now());
    let woken = 0;
    scheduler.at(performance.now() + 5, { wake: () => woken++ });
    scheduler.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(woken).toBe(0);
  });
});
