/** Options are validated and frozen before an engine sees them; load leaves loopback only with consent. */
import { describe, expect, it } from 'vitest';
import {
  AUTO_WORKER_CONNECTIONS,
  DEFAULT_AMOUNT_DEADLINE_MS,
  DEFAULT_DURATION_MS,
  LoadOptionError,
  RemoteTargetError,
  changeLoadOptions,
  presetWorkload,
  requireConsent,
  resolveTargetHost,
  resolveLoadOptions,
  type LoadOptionsInput,
} from '../../load/index.js';

const base = { host: '127.0.0.1', port: 8889 };

describe('load options', () => {
  it('fills defaults and freezes', () => {
    const o = resolveLoadOptions(base);
    expect(o).toMatchObject({
      connections: 10,
      pipelining: 1,
      workers: 0,
      autoWorkers: true,
      audit: false,
    });
    expect(o.durationMs).toBe(DEFAULT_DURATION_MS);
    expect(o.workload.name).toBe('chat');
    expect(Object.isFrozen(o)).toBe(true);
  });

  it('runs a process holding many connections in one worker thread unless told otherwise', () => {
    const at = (input: Partial<LoadOptionsInput>) => resolveLoadOptions({ ...base, ...input });
    expect(at({ connections: AUTO_WORKER_CONNECTIONS - 1 }).workers).toBe(0);
    expect(at({ connections: AUTO_WORKER_CONNECTIONS }).workers).toBe(1);
    expect(at({ connections: AUTO_WORKER_CONNECTIONS, workers: 'auto' }).workers).toBe(1);
    // What this process holds counts: a shard's part, not the whole run.
    const whole = 2 * AUTO_WORKER_CONNECTIONS - 1;
    expect(at({ connections: whole, shard: { index: 0, count: 2 } }).workers).toBe(1);
    expect(at({ connections: whole, shard: { index: 1, count: 2 } }).workers).toBe(0);
    // A number asked for is kept, this thread included.
    const asked = at({ connections: 5 * AUTO_WORKER_CONNECTIONS, workers: 0 });
    expect(asked).toMatchObject({ workers: 0, autoWorkers: false });
    expect(at({ connections: 4, workers: 2 })).toMatchObject({ workers: 2, autoWorkers: false });
    // A shard whose share of an amount is nothing has no request for a worker to make.
    const idle = at({
      connections: 2 * AUTO_WORKER_CONNECTIONS,
      amount: 5,
      shard: { index: 1, count: 2 },
    });
    expect(idle.workers).toBe(0);
    // Changed later (the embedded server's port), the count still follows the connections,
    // and a number given then is kept.
    const again = changeLoadOptions(at({ connections: 10 }), { connections: 3000, port: 1 });
    expect(again).toMatchObject({ workers: 1, autoWorkers: true });
    const asked4 = changeLoadOptions(at({ connections: 3000 }), { workers: 4 });
    expect(asked4).toMatchObject({ workers: 4, autoWorkers: false });
  });

  it('bounds a run by amount with a deadline all the same', () => {
    expect(resolveLoadOptions({ ...base, amount: 100 }).durationMs).toBe(
      DEFAULT_AMOUNT_DEADLINE_MS,
    );
    expect(resolveLoadOptions({ ...base, amount: 100, durationMs: 2000 }).durationMs).toBe(2000);
  });

  it.each(['127.0.0.1', 'localhost', '::1', '[::1]', 'LOCALHOST', '127.0.0.2', '::ffff:127.0.0.1'])(
    'loads loopback %s without asking',
    (host) => {
      expect(requireConsent(host, false)).toMatch(/^(127\.|::1$|::ffff:127\.)/);
    },
  );

  it.each(['10.0.0.1', '192.168.1.10', '0.0.0.0', '::', '8.8.8.8', 'fe80::1'])(
    'refuses %s without --allow-remote, and names the flag',
    (host) => {
      expect(() => resolveLoadOptions({ ...base, host })).toThrow(RemoteTargetError);
      expect(() => resolveLoadOptions({ ...base, host })).toThrow(/pass --allow-remote/);
      expect(resolveLoadOptions({ ...base, host, allowRemote: true }).host).toBe(host);
    },
  );

  it('takes addresses only: a name is resolved once, before the options', async () => {
    expect(() => resolveLoadOptions({ ...base, host: 'example.com' })).toThrow(
      /not an IP address: resolve it first/,
    );
    expect(await resolveTargetHost('LOCALHOST')).toBe('127.0.0.1');
    expect(await resolveTargetHost('[::1]')).toBe('::1');
    await expect(resolveTargetHost('no-such-host.invalid')).rejects.toThrow(
      /cannot resolve "no-such-host.invalid"/,
    );
  });

  it.each([
    [{ connections: 0 }, /connections must be/],
    [{ pipelining: 0 }, /pipelining must be/],
    [{ ratePerSec: 0 }, /rate must be/],
    [{ ratePerSec: Number.NaN }, /rate must be/],
    [{ durationMs: 0 }, /durationMs must be/],
    [{ workers: 3, connections: 2 }, /3 workers need at least as many connections/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ amount: 2, workers: 3, connections: 3 }, /amount of 2 cannot be shared by 3 workers/],
    [{ amount: 0 }, /amount must be/],
    [{ port: 0 }, /port must be/],
  ])('refuses impossible options %j', (partial, message) => {
    expect(() => resolveLoadOptions({ ...base, ...partial })).toThrow(LoadOptionError);
    expect(() => resolveLoadOptions({ ...base, ...partial })).toThrow(message);
  });

  it('refuses group ops when the fixture has no groups', () => {
    expect(() =>
      resolveLoadOptions({
        ...base,
        workload: presetWorkload('group')!,
        fixture: { users: [{ username: 'a', password: 'b', name: 'A' }], groups: [] },
      }),
    ).toThrow(/sends to groups, but the fixture has none/);
  });
});
