/**
 * The open loop (-R): requests go out on a schedule, and latency runs from when each request
 * should have been sent, so a server that stalls is charged for every request the stall held
 * back (coordinated omission corrected, as wrk2 does). The uncorrected figures, measured from
 * the actual send, are reported beside them and hide the stall. Real TCP on loopback against
 * the model server with one injected stall.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { presetWorkload } from '../../load/index.js';
import { startModelServer, type ModelServer } from './support/model-server.js';
import { runLoad } from './support/run.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const STALL_MS = 600;

describe('open loop', () => {
  it('corrected percentiles show an injected stall; uncorrected ones hide it', async () => {
    server = await startModelServer({ kind: 'none' });
    const stalled = server;
    // 100 requests/s over 2 connections: each connection is due every 20 ms.
    const run = runLoad(server.port, {
      workload: presetWorkload('chat')!,
      connections: 2,
      ratePerSec: 100,
      durationMs: 2000,
    });
    const timer = setTimeout(() => stalled.stall(STALL_MS), 600);
    const { report } = await run;
    clearTimeout(timer);

    const corrected = report.latency;
    const uncorrected = report.latencyUncorrected!;
    expect(uncorrected).toBeDefined();
    // Both saw the same replies.
    expect(corrected.totalCount).toBe(report.outcomes.ok + report.outcomes.errorReplies);
    // The stall held back ~30 of each connection's requests: about a quarter of all of
    // them waited, some for nearly the whole stall.
    expect(corrected.p90).toBeGreaterThan(STALL_MS / 4);
    expect(corrected.max).toBeGreaterThan(STALL_MS / 2);
    // Measured from the actual send, only the two requests in flight during the stall were
    // slow: the percentiles below the top 1% look as if nothing happened.
    expect(uncorrected.max).toBeGreaterThan(STALL_MS / 2);
    expect(uncorrected.p90).toBeLessThan(STALL_MS / 10);
    expect(corrected.p90).toBeGreaterThan(10 * uncorrected.p90);
    // The same per command.
    const send = report.commands.send!;
    expect(send.latency.p90).toBeGreaterThan(send.latencyUncorrected!.p90);
  });

  it('keeps to the rate: requests per connection every 1000 * connections / rate ms', async () => {
    server = await startModelServer({ kind: 'none' });
    // 40 requests/s over 4 connections for 1 s: each connection is due every 100 ms, so about
    // 40 requests in all (plus the 4 logins). Were the interval computed as 1 / rate ms (the
    // unit slip autocannon makes), it would be 0.025 ms and the run would send thousands.
    const { report } = await runLoad(server.port, {
      workload: presetWorkload('inbox')!,
      connections: 4,
      ratePerSec: 40,
      durationMs: 1000,
    });
    const scheduled = report.commands.inbox!.sent;
    expect(scheduled).toBeGreaterThanOrEqual(30);
    expect(scheduled).toBeLessThanOrEqual(44);
    expect(report.ratePerSec).toBe(40);
  });

  it('a closed loop reports one latency, with no uncorrected twin', async () => {
    server = await startModelServer({ kind: 'none' });
    const { report, raw } = await runLoad(server.port, { connections: 2, durationMs: 300 });
    expect(report.latencyUncorrected).toBeUndefined();
    expect(raw.latencyUncorrected).toBeUndefined();
    expect(report.ratePerSec).toBeNull();
  });
});
