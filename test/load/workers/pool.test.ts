/**
 * --workers: the same engine in worker threads (the compiled one in dist/, built by `npm test`
 * before the suite), results merged like files. Real TCP on loopback.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { presetWorkload, resolveLoadOptions, workerEntryPath } from '../../../load/index.js';
import { workerShares } from '../../../load/workers/shares.js';
import { runLoad } from '../support/run.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('worker threads', () => {
  it('finds the compiled worker from TypeScript sources and from dist', () => {
    expect(workerEntryPath('file:///x/load/workers/pool.ts')).toBe(
      '/x/dist/load/workers/worker-entry.js',
    );
    expect(workerEntryPath('file:///x/dist/load/workers/pool.js')).toBe(
      '/x/dist/load/workers/worker-entry.js',
    );
    expect(existsSync(workerEntryPath())).toBe(true);
  });

  it('splits connections, rate and amount in proportion', () => {
    const options = resolveLoadOptions({
      host: '127.0.0.1',
      port: 1,
      connections: 10,
      workers: 3,
      ratePerSec: 100,
      amount: 1000,
    });
    const shares = workerShares(options);
    expect(shares.map((s) => s.connections)).toEqual([4, 3, 3]);
    expect(shares.map((s) => s.connectionOffset)).toEqual([0, 4, 7]);
    expect(shares.map((s) => s.ratePerSec)).toEqual([40, 30, 30]);
    expect(shares.reduce((n, s) => n + (s.amount ?? 0), 0)).toBe(1000);
    expect(new Set(shares.map((s) => s.workerIndex)).size).toBe(3);
  });

  it('spreads a run over threads and merges their results, audit included', async () => {
    const { report } = await runLoad(server.port, {
      workload: presetWorkload('chat')!,
      connections: 6,
      workers: 2,
      durationMs: 1500,
      audit: true,
    });
    expect(report.workers).toBe(2);
    expect(report.connections).toBe(6);
    expect(report.raw.runIds).toHaveLength(2);
    expect(report.commands.auth!.sent).toBe(6);
    expect(report.outcomes.ok).toBeGreaterThan(50);
    expect(report.outcomes.timeouts + report.outcomes.connectionErrors).toBe(0);
    // Inboxes are shared by both threads' connections: only the merged ledger balances.
    expect(report.audit!.passed).toBe(true);
    expect(report.audit!.delivered).toBe(report.audit!.expectedDeliveries);
  });
});
