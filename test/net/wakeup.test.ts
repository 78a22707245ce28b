import { describe, expect, it } from 'vitest';
import { Wakeup } from '../../net/index.js';

describe('Wakeup.until', () => {
  it('answers at once when the check already holds, without sleeping', async () => {
    expect(await new Wakeup().until(() => 'ready', 0)).toBe('ready');
  });

  it('checks again on every wake and resolves with the first value found', async () => {
    const wakeup = new Wakeup();
    const queue: string[] = [];
    let checks = 0;
    const waiting = wakeup.until(() => {
      checks++;
      return queue.shift();
    }, 60_000);
    wakeup.wake(); // nothing yet: checks again, sleeps again
    await new Promise((resolve) => setImmediate(resolve));
    queue.push('reply');
    wakeup.wake();
    expect(await waiting).toBe('reply');
    expect(checks).toBeGreaterThanOrEqual(2);
  });

  it('resolves undefined when its time is up, and a wake with no waiter is harmless', async () => {
    const wakeup = new Wakeup();
    wakeup.wake();
    expect(await wakeup.until(() => undefined, 5)).toBeUndefined();
  });
});
