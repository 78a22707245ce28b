import { tcpDialer } from '../../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../../support/ports.js';
import {
  ConformanceOptionError,
  SelectionError,
  TargetUnreachableError,
  loadBuiltinScenarios,
  runConformance,
  type RunPlan,
} from '../../../../harness/index.js';
import { type ScenarioResult } from '../../../../results/index.js';
import { startFakeServer, type FakeServer } from '../../support/fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('runConformance', () => {
  it('refuses an unreachable target before running anything', async () => {
    const port = await closedPort();
    const started: RunPlan[] = [];
    await expect(
      runConformance({
        dialer: tcpDialer('127.0.0.1', port),
        onStart: (plan) => started.push(plan),
      }),
    ).rejects.toThrow(TargetUnreachableError);
    await expect(runConformance({ dialer: tcpDialer('127.0.0.1', port) })).rejects.toThrow(
      new RegExp(`^127\\.0\\.0\\.1:${port} is unreachable: cannot connect`),
    );
    expect(started).toEqual([]);
  });

  it('validates options before touching the network', async () => {
    await expect(runConformance({} as never)).rejects.toThrow(ConformanceOptionError);
    await expect(runConformance({} as never)).rejects.toThrow(/dialer must be given/);
    await expect(
      runConformance({ dialer: tcpDialer('127.0.0.1', 1), timeoutMs: 0 }),
    ).rejects.toThrow(/timeoutMs must be a whole number/);
    await expect(
      runConformance({ dialer: tcpDialer('127.0.0.1', 1), only: ['nothing/here'] }),
    ).rejects.toThrow(SelectionError);
  });

  it('keeps the preflight replies as received text and the JSON objects they parse to', async () => {
    server = await startFakeServer();
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      only: ['auth/'],
    });
    const unknown = result.preflight?.unknownCommandReply;
    expect(unknown?.json).toMatchObject({ status: 'ERROR' });
    expect(JSON.parse(unknown!.text)).toEqual(unknown!.json);
    expect(result.preflight?.missingParamsReply?.json).toMatchObject({ status: 'ERROR' });
  });

  it('reports progress in order and keeps the scenarios in their given order', async () => {
    server = await startFakeServer();
    const plans: RunPlan[] = [];
    const seen: Array<[string, number, number]> = [];
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      only: ['SEND-4', 'auth/'],
      onStart: (plan) => plans.push(plan),
      onScenario: (r: ScenarioResult, done, total) => seen.push([r.id, done, total]),
    });
    const ids = result.scenarios.map((s) => s.id);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.scenarios.map((s) => s.id)).toEqual(ids);
    expect(seen.map(([id]) => id)).toEqual(ids);
    expect(seen.map(([, done]) => done)).toEqual(ids.map((_, i) => i + 1));
    expect(ids).toContain('send/order');
    expect(ids.filter((id) => id.startsWith('auth/')).length).toBeGreaterThanOrEqual(8);
    expect(result.summary.PASS).toBe(ids.length);
    expect(result.target).toEqual({ address: `127.0.0.1:${server.port}`, embedded: false });
    expect(result.requirements.find((r) => r.id === 'SEND-4')).toMatchObject({
      verdict: 'PASS',
      scenarios: ['send/order'],
    });
    expect(result.requirements.find((r) => r.id === 'GROUP-1')?.verdict).toBe('UNTESTED');
  });

  it('survives a server that dies mid-run: the rest are ERROR "server unreachable since …"', async () => {
    const all = await loadBuiltinScenarios();
    let killed = false;
    const fake = await startFakeServer({
      answer: (line) => {
        // The first inbox request with a session kills the server, as a crash in a handler
        // would (the preflight's bare "inbox" comes before the run and is answered).
        if (!killed && /^inbox \S/.test(line)) {
          killed = true;
          void fake.close();
          return 'close';
        }
        return undefined;
      },
    });
    server = fake;
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', fake.port),
      timeoutMs: 1000,
    });
    expect(result.scenarios).toHaveLength(all.length);
    const firstInbox = result.scenarios.findIndex((s) =>
      s.transcript.some((e) => e.direction === 'sent' && e.text.startsWith('inbox ')),
    );
    expect(firstInbox).toBeGreaterThan(0);
    const culprit = result.scenarios[firstInbox]!;
    expect(culprit.verdict).toBe('ERROR');
    const rest = result.scenarios.slice(firstInbox + 1);
    expect(rest.length).toBeGreaterThan(10);
    for (const s of rest) {
      expect(s.verdict).toBe('ERROR');
      expect(s.notRun).toBe('unreachable');
      expect(s.reason).toMatch(
        new RegExp(
          `^not run: server unreachable since scenario ${culprit.id.replace('/', '\\/')} \\(cannot connect`,
        ),
      );
    }
    expect(result.summary.ERROR).toBe(rest.length + 1);
    expect(result.summary.PASS).toBe(firstInbox);
  });

  /**
   * A fake server that answers the first scenario's line (auth/ok sends one), then does
   * `after` to itself, as a server broken by what that scenario did.
   */
  async function brokenByFirstScenario(after: 'die' | 'hang') {
    let started = false;
    let broken = false;
    const fake = await startFakeServer({
      answer: () => {
        if (broken) return 'silent';
        if (started) {
          broken = true;
          if (after === 'die') setImmediate(() => void fake.close());
        }
        return undefined;
      },
    });
    server = fake;
    return runConformance({
      dialer: tcpDialer('127.0.0.1', fake.port),
      only: ['auth/'],
      timeoutMs: 500,
      onStart: () => (started = true),
    });
  }

  it.each(['die', 'hang'] as const)(
    'names the scenario after which a server began to %s, though it passed, and runs no more',
    async (after) => {
      const result = await brokenByFirstScenario(after);
      const [first, ...rest] = result.scenarios;
      expect([first!.id, first!.verdict]).toEqual(['auth/ok', 'PASS']);
      expect(rest.length).toBeGreaterThan(2);
      for (const s of rest) {
        expect(s).toMatchObject({ verdict: 'ERROR', notRun: 'unreachable' });
        expect(s.reason).toContain('not run: server unreachable since scenario auth/ok (');
      }
    },
  );

  it('an aborted run reports the scenarios it did not reach instead of dropping them', async () => {
    server = await startFakeServer();
    const controller = new AbortController();
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      only: ['auth/'],
      signal: controller.signal,
      onScenario: (_r, done) => {
        if (done === 3) controller.abort();
      },
    });
    expect(result.scenarios.slice(0, 3).map((s) => s.verdict)).toEqual(['PASS', 'PASS', 'PASS']);
    for (const s of result.scenarios.slice(3)) {
      expect(s).toMatchObject({
        verdict: 'ERROR',
        notRun: 'aborted',
        reason: 'not run: the run was interrupted',
      });
    }
  });
});
