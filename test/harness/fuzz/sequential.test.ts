/**
 * Sequential fuzzing over real TCP on loopback: 200 cases against the reference server pass;
 * servers with a real defect are caught, shrunk to the shortest sequence that shows it, and
 * replayed from seed and path; a server that differs only where the rules allow passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { startDouble, type RunningDouble } from './support/double-server.js';
import { courseStyle, dropEveryNth, lostUpdateOnSend, reorderInbox } from './support/defects.js';
import { failingSteps, fuzz } from './support/fuzz.js';

describe('against the reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('passes 200 cases (the CI budget: --max-commands 40)', async () => {
    const result = await fuzz(server.port, { runs: 200, seed: 20_260_101 });
    expect(result.failure).toBeUndefined();
    expect(result.passed).toBe(true);
    expect(result.stats.runs).toBe(200);
    // Long sequences, not fast-check's small default: on average well over ten commands.
    expect(result.stats.commands).toBeGreaterThan(200 * 10);
    // The reference server is the model: nothing to note.
    expect(result.notes).toEqual([]);
  });

  it('learns the state a server already has instead of assuming a fresh one', async () => {
    // Leftovers of an earlier client: unread messages and files under names the fuzzer uses.
    const first = await fuzz(server.port, { runs: 30, seed: 7 });
    expect(first.passed).toBe(true);
    const again = await fuzz(server.port, { runs: 30, seed: 7 });
    expect(again.passed).toBe(true);
    expect(server.state.repositories.size).toBeGreaterThan(0);
  });
});

describe('against defective servers', () => {
  const doubles: RunningDouble[] = [];
  afterAll(async () => {
    await Promise.all(doubles.map((d) => d.close()));
  });
  const start = async (...args: Parameters<typeof startDouble>): Promise<RunningDouble> => {
    const double = await startDouble(...args);
    doubles.push(double);
    return double;
  };

  it('catches an inbox that reorders, shrunk to two sends and the read', async () => {
    const double = await start(reorderInbox);
    const result = await fuzz(double.port, { runs: 200, seed: 1 });
    expect(result.passed).toBe(false);
    const steps = failingSteps(result);
    expect(steps).toHaveLength(3);
    expect(steps[0]!.request).toMatch(/^send(_group)? /);
    expect(steps[1]!.request).toMatch(/^send(_group)? /);
    expect(steps[2]!.request).toMatch(/^inbox \$/);
    expect(steps[2]!.verdict).toBe('FAIL');
    expect(steps[2]!.reason).toMatch(/out of order/);
    expect(['SEND-4', 'GROUP-6']).toContain(result.failure!.requirement);
    expect(result.failure!.shrinks).toBeGreaterThan(0);
  });

  it('catches a server that drops every third message, shrunk to three sends and the read', async () => {
    const double = await start(dropEveryNth(3));
    const result = await fuzz(double.port, { runs: 200, seed: 2 });
    expect(result.passed).toBe(false);
    const steps = failingSteps(result);
    // Fewer than three messages cannot lose the third; a group send to three members can.
    expect(steps.length).toBeLessThanOrEqual(4);
    expect(steps.at(-1)!.request).toMatch(/^inbox \$/);
    expect(steps.at(-1)!.reason).toMatch(/lost/);
    expect(['SEND-2', 'GROUP-2']).toContain(result.failure!.requirement);
  });

  it('replays the shrunk case from its seed and path alone', async () => {
    const double = await start(reorderInbox);
    const found = await fuzz(double.port, { runs: 200, seed: 3 });
    const failure = found.failure!;
    expect(failure.path).toMatch(/^\d+(:\d+)*$/);
    const replayed = await fuzz(double.port, { runs: 200, seed: failure.seed, path: failure.path });
    expect(replayed.passed).toBe(false);
    expect(replayed.stats.runs).toBe(1);
    const requests = (r: typeof found): string[] => failingSteps(r).map((s) => s.request);
    expect(requests(replayed)).toEqual(requests(found));
    expect(replayed.failure!.reason).toBe(failure.reason);
  });

  it('passes a server that differs only where the rules allow, and notes how', async () => {
    const double = await start(courseStyle);
    const result = await fuzz(double.port, { runs: 100, seed: 4 });
    expect(result.failure).toBeUndefined();
    const noted = (verdict: string, requirement: string | undefined): boolean =>
      result.notes.some((n) => n.verdict === verdict && n.requirement === requirement);
    // "Informasi tidak ditemukan" for an unknown session: the right status, another text.
    expect(noted('NON-STRICT', 'SESSION-1')).toBe(true);
    expect(noted('NON-STRICT', 'FRAME-6')).toBe(true);
    expect(noted('INFORMATIONAL', 'INBOX-4')).toBe(true);
    expect(noted('INFORMATIONAL', 'PROTO-4')).toBe(true);
    expect(noted('NON-STRICT', 'SENDFILE-5')).toBe(true);
  });

  it('fails that same server under --strict, on a SHOULD', async () => {
    const double = await start(courseStyle);
    const result = await fuzz(double.port, { runs: 100, seed: 4, strict: true });
    expect(result.passed).toBe(false);
    expect(['NON-STRICT', 'UNIMPLEMENTED']).toContain(result.failure!.verdict);
    expect(failingSteps(result).length).toBeLessThanOrEqual(2);
  });

  it('does not see a defect that only concurrency shows (that is the parallel mode)', async () => {
    const double = await start(lostUpdateOnSend(3));
    const result = await fuzz(double.port, { runs: 20, seed: 5 });
    expect(result.failure).toBeUndefined();
  });
});
