/**
 * --audit against servers that lose, copy or reorder messages (test doubles running the model
 * of specs/ with one twist), over real TCP on loopback: each problem is caught and counted,
 * and a faithful server passes.
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

const chat = presetWorkload('chat')!;
const group = presetWorkload('group')!;

describe('--audit', () => {
  it('passes a server that delivers every message once, in order', async () => {
    server = await startModelServer({ kind: 'none' });
    const { report } = await runLoad(server.port, { workload: chat, audit: true });
    const audit = report.audit!;
    expect(audit.acknowledged).toBeGreaterThan(20);
    expect(audit).toMatchObject({ lost: 0, duplicated: 0, reordered: 0, unexpected: 0 });
    expect(audit.passed).toBe(true);
  });

  it('catches a server that acknowledges messages and drops them', async () => {
    server = await startModelServer({ kind: 'drop', every: 7 });
    const { report } = await runLoad(server.port, { workload: chat, audit: true });
    const audit = report.audit!;
    expect(server.twisted()).toBeGreaterThan(0);
    // Every dropped message was acknowledged, so each is lost to its one recipient.
    expect(audit.lost).toBe(server.twisted());
    expect(audit.duplicated).toBe(0);
    expect(audit.passed).toBe(false);
    expect(audit.examples.lost[0]).toMatch(/acknowledged, never delivered/);
  });

  it('counts a dropped group message once per member', async () => {
    server = await startModelServer({ kind: 'drop', every: 5 });
    const { report } = await runLoad(server.port, { workload: group, audit: true });
    const audit = report.audit!;
    expect(server.twisted()).toBeGreaterThan(0);
    // Seed groups have 3 or 4 members; the sender's own copy is counted apart (GROUP-7).
    const missing = audit.lost + audit.ownCopiesMissing;
    expect(missing).toBeGreaterThanOrEqual(3 * server.twisted());
    expect(missing).toBeLessThanOrEqual(4 * server.twisted());
    expect(audit.ownCopiesMissing).toBeLessThanOrEqual(server.twisted());
    expect(audit.lost).toBeGreaterThanOrEqual(2 * server.twisted());
    expect(audit.passed).toBe(false);
  });

  it('catches a server that delivers messages twice', async () => {
    server = await startModelServer({ kind: 'duplicate', every: 6 });
    const { report } = await runLoad(server.port, { workload: chat, audit: true });
    const audit = report.audit!;
    expect(server.twisted()).toBeGreaterThan(0);
    expect(audit.duplicated).toBe(server.twisted());
    expect(audit.lost).toBe(0);
    expect(audit.passed).toBe(false);
    expect(audit.examples.duplicated[0]).toMatch(/2 times/);
  });

  it('catches a server that delivers messages out of order', async () => {
    server = await startModelServer({ kind: 'reorder', every: 4 });
    // Only sends: nothing is read before the end, so each held-back message shows up after
    // its successor in the same read.
    const { report } = await runLoad(server.port, {
      workload: presetWorkload('send')!,
      audit: true,
    });
    const audit = report.audit!;
    expect(server.twisted()).toBeGreaterThan(0);
    expect(audit.reordered).toBeGreaterThan(0);
    expect(audit.reordered).toBeLessThanOrEqual(server.twisted());
    expect(audit.lost).toBe(0);
    expect(audit.duplicated).toBe(0);
    expect(audit.passed).toBe(false);
    expect(audit.examples.reordered[0]).toMatch(/after #cs:/);
  });

  it('catches reordering across inbox reads made while the load runs', async () => {
    server = await startModelServer({ kind: 'reorder', every: 3 });
    const { report } = await runLoad(server.port, { workload: chat, audit: true, connections: 6 });
    const audit = report.audit!;
    expect(server.twisted()).toBeGreaterThan(0);
    expect(audit.reordered).toBeGreaterThan(0);
    expect(audit.passed).toBe(false);
  });
});
