/**
 * The campaign as a whole: what stops it before it starts (exit 2 material), what it
 * reports when the server is broken from the first request on, and the events it emits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../support/ports.js';
import { FuzzSetupError } from '../../../harness/fuzz/case-failure.js';
import type { FuzzEvent } from '../../../results/fuzz.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import type { Fixture } from '../../../specs/index.js';
import { startDouble } from './support/double-server.js';
import { failingSteps, fuzz } from './support/fuzz.js';

let reference: RunningServer;
beforeAll(async () => {
  reference = await startServer({ port: 0 });
});
afterAll(() => reference.close());

describe('runFuzz', () => {
  it('cannot start without a server: a setup error, not a verdict', async () => {
    const port = await closedPort();
    await expect(fuzz(port, { runs: 5 })).rejects.toThrow(FuzzSetupError);
    await expect(fuzz(port, { runs: 5 })).rejects.toThrow(/cannot connect/);
  });

  it('cannot start when the server refuses the fixture users: the fixture is wrong', async () => {
    const fixture: Fixture = {
      users: [{ username: 'messi', password: 'not-his', name: 'Lionel Messi' }],
      groups: [],
    };
    await expect(fuzz(reference.port, { runs: 5, fixture })).rejects.toThrow(/--fixture/);
  });

  it('reports a server whose replies are broken from the start as a failure, unshrunk', async () => {
    const double = await startDouble({ reply: () => ({ status: 'ok' }) as never });
    try {
      const result = await fuzz(double.port, { runs: 10, seed: 1 });
      expect(result.passed).toBe(false);
      expect(result.failure!.requirement).toBe('FRAME-2');
      expect(result.failure!.shrinkNote).toMatch(/before any step ran/);
      const detail = result.failure!.detail;
      expect(detail.kind === 'sequential' && detail.setup.length > 0).toBe(true);
      expect(failingSteps(result)).toEqual([]);
    } finally {
      await double.close();
    }
  });

  it('emits start, one event per case and done', async () => {
    const events: FuzzEvent[] = [];
    const result = await fuzz(reference.port, { runs: 7, seed: 3 }, (e) => events.push(e));
    expect(events[0]).toMatchObject({ type: 'start', mode: 'sequential', seed: 3, runs: 7 });
    expect(events.filter((e) => e.type === 'run')).toHaveLength(7);
    expect(events.at(-1)).toEqual({ type: 'done', result });
  });

  it('counts what it sent and how fast', async () => {
    const result = await fuzz(reference.port, { runs: 20, seed: 4 });
    expect(result.stats.requests).toBeGreaterThan(result.stats.commands);
    expect(result.stats.commandsPerSec).toBeGreaterThan(0);
    expect(result.settings).toMatchObject({
      runs: 20,
      maxCommands: 40,
      connections: 3,
      strict: false,
    });
    expect(result.schemaVersion).toBe(1);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
