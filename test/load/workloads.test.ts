/**
 * Every workload against the reference server, over real TCP on loopback: each sends what
 * it promises, the server answers every request OK, nothing fails, and with --audit every
 * message arrives. Runs are half a second with a few connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { presetWorkload, resolveWorkload, type LoadOutcome } from '../../load/index.js';
import { type CommandOp } from '../../results/index.js';
import { runLoad } from './support/run.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
});

function sentOf(outcome: LoadOutcome, op: CommandOp): number {
  return outcome.report.commands[op]?.sent ?? 0;
}

/** Nothing failed: every request that ended during the run ended in a reply. */
function expectClean(outcome: LoadOutcome): void {
  const o = outcome.report.outcomes;
  expect(o.sent).toBeGreaterThan(0);
  expect(o.timeouts + o.connectionErrors + o.protocolViolations).toBe(0);
  expect(o.ok + o.errorReplies + o.unfinished).toBe(o.sent);
  expect(outcome.report.connects.failed).toBe(0);
}

describe('workloads against the reference server', () => {
  it('chat mixes send and inbox, every message delivered', async () => {
    const outcome = await runLoad(server.port, { workload: presetWorkload('chat')!, audit: true });
    expectClean(outcome);
    expect(outcome.report.outcomes.errorReplies).toBe(0);
    expect(sentOf(outcome, 'send')).toBeGreaterThan(10);
    expect(sentOf(outcome, 'inbox')).toBeGreaterThan(10);
    // Only the setup logins besides the mix.
    expect(sentOf(outcome, 'auth')).toBe(4);
    const audit = outcome.report.audit!;
    expect(audit.passed).toBe(true);
    expect(audit.acknowledged).toBeGreaterThan(10);
    expect(audit.delivered).toBe(audit.expectedDeliveries);
  });

  it('auth is a login storm on open connections', async () => {
    const outcome = await runLoad(server.port, { workload: presetWorkload('auth')! });
    expectClean(outcome);
    expect(Object.keys(outcome.report.commands)).toEqual(['auth']);
    expect(sentOf(outcome, 'auth')).toBeGreaterThan(50);
    expect(outcome.report.connects.attempts).toBe(4);
  });

  it('send only sends', async () => {
    const outcome = await runLoad(server.port, { workload: presetWorkload('send')!, audit: true });
    expectClean(outcome);
    expect(Object.keys(outcome.report.commands).sort()).toEqual(['auth', 'send']);
    // Nobody reads during the run: the drain at the end finds every message.
    expect(outcome.report.audit!.passed).toBe(true);
    expect(outcome.report.audit!.delivered).toBe(outcome.report.audit!.acknowledged);
  });

  it('inbox only reads', async () => {
    const outcome = await runLoad(server.port, { workload: presetWorkload('inbox')! });
    expectClean(outcome);
    expect(Object.keys(outcome.report.commands).sort()).toEqual(['auth', 'inbox']);
    expect(outcome.report.outcomes.errorReplies).toBe(0);
  });

  it('group fans each message out to every member, the sender included', async () => {
    const outcome = await runLoad(server.port, { workload: presetWorkload('group')!, audit: true });
    expectClean(outcome);
    expect(sentOf(outcome, 'send_group')).toBeGreaterThan(10);
    const audit = outcome.report.audit!;
    expect(audit.passed).toBe(true);
    // Groups of the seed fixture have 3 and 4 members.
    expect(audit.expectedDeliveries).toBeGreaterThanOrEqual(3 * audit.acknowledged);
    expect(audit.delivered).toBe(audit.expectedDeliveries);
  });

  it('file sends files and downloads them back intact, at the configured size', async () => {
    const workload = { ...presetWorkload('file')!, fileSizeBytes: 3000 };
    const outcome = await runLoad(server.port, { workload });
    expectClean(outcome);
    expect(outcome.report.outcomes.errorReplies).toBe(0);
    expect(sentOf(outcome, 'send_file')).toBeGreaterThan(5);
    expect(sentOf(outcome, 'download_file')).toBeGreaterThan(5);
    expect(outcome.report.outcomes.mismatches).toBe(0);
    // 3000 bytes travel as 4000 base64 characters in every send_file line.
    expect(outcome.report.outcomes.bytesWritten).toBeGreaterThan(
      4000 * sentOf(outcome, 'send_file'),
    );
  });

  it('connect opens a connection, logs in, closes, and again', async () => {
    const outcome = await runLoad(server.port, { workload: presetWorkload('connect')! });
    expectClean(outcome);
    expect(Object.keys(outcome.report.commands)).toEqual(['auth']);
    const logins = sentOf(outcome, 'auth');
    expect(logins).toBeGreaterThan(20);
    // One TCP connect per login: that is the workload (a connect cut off by the deadline
    // has no login yet, at most one per connection).
    expect(outcome.report.connects.attempts).toBeGreaterThanOrEqual(logins);
    expect(outcome.report.connects.attempts).toBeLessThanOrEqual(logins + 4);
    expect(outcome.report.connects.dropped).toBe(0);
  });

  it('a custom mix sends each op in it and nothing else', async () => {
    const workload = await resolveWorkload('send:50,inbox:20,send_group:20,my_file:10');
    const outcome = await runLoad(server.port, { workload, audit: true });
    expectClean(outcome);
    expect(Object.keys(outcome.report.commands).sort()).toEqual(
      ['auth', 'inbox', 'my_file', 'send', 'send_group'].sort(),
    );
    expect(outcome.report.audit!.passed).toBe(true);
  });

  it('pipelining keeps several requests in flight per connection, replies in order', async () => {
    const outcome = await runLoad(server.port, {
      workload: presetWorkload('chat')!,
      pipelining: 8,
      audit: true,
    });
    expectClean(outcome);
    expect(outcome.report.audit!.passed).toBe(true);
    expect(outcome.report.audit!.reordered).toBe(0);
  });
});
