/**
 * The load generator through a dialer without a `tcp` field, as for a server whose sockets are
 * made elsewhere and handed back: every connection goes through dial(), the audit's drain too,
 * and --workers falls back to this thread with a note instead of failing. Real TCP on loopback
 * underneath, against a test double running the model of specs/ with one twist.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTO_WORKER_CONNECTIONS,
  LoadRun,
  presetWorkload,
  resolveLoadOptions,
  type LoadOptionsInput,
} from '../../load/index.js';
import { tcpDialer, type Dialer } from '../../net/index.js';
import { closedPort } from '../support/ports.js';
import { startModelServer, type ModelServer } from './support/model-server.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Dials through a plain TCP dialer, but hides its `tcp` field and counts its dials. */
function handedOver(port: number): { dialer: Dialer; dials: () => number } {
  const inner = tcpDialer('127.0.0.1', port);
  let dials = 0;
  return {
    dialer: {
      address: 'handed-over',
      dial: (timeoutMs) => {
        dials++;
        return inner.dial(timeoutMs);
      },
    },
    dials: () => dials,
  };
}

function options(port: number, more: Partial<LoadOptionsInput> = {}) {
  return resolveLoadOptions({
    host: '127.0.0.1',
    port,
    connections: 4,
    durationMs: 500,
    timeoutMs: 2000,
    seed: 7,
    workload: presetWorkload('chat')!,
    audit: true,
    ...more,
  });
}

describe('load through a non-TCP dialer', () => {
  it('opens every connection and the drain through dial(), and the audit still counts the twist', async () => {
    server = await startModelServer({ kind: 'drop', every: 7 });
    const { dialer, dials } = handedOver(server.port);
    const notes: string[] = [];
    const run = new LoadRun(options(server.port, { workers: 2 }), undefined, dialer);
    run.on('note', (line) => notes.push(line));
    const { report } = await run.run();
    expect(notes).toEqual([
      '--workers 2 ignored: handed-over is reached through its launcher, which worker threads cannot use; running in this thread',
    ]);
    expect(report.target).toBe('handed-over');
    expect(report.outcomes.ok).toBeGreaterThan(20);
    const audit = report.audit!;
    expect(audit.drained).toBe(true);
    expect(audit.lost).toBe(server.twisted());
    expect(audit.lost).toBeGreaterThan(0);
    // The probe, one per load connection (at least), and one per fixture user for the drain.
    expect(dials()).toBeGreaterThanOrEqual(1 + 4 + 1);
  });

  it('runs many connections in this thread without a note when the worker count was not asked for', async () => {
    server = await startModelServer({ kind: 'none' });
    const { dialer } = handedOver(server.port);
    const notes: string[] = [];
    const starts: number[] = [];
    const opts = options(server.port, {
      connections: AUTO_WORKER_CONNECTIONS,
      durationMs: 1000,
      audit: false,
    });
    expect(opts.workers).toBe(1);
    const run = new LoadRun(opts, undefined, dialer);
    run.on('note', (line) => notes.push(line));
    run.on('start', (start) => starts.push(start.workers));
    const { report } = await run.run();
    expect(notes).toEqual([]);
    expect(starts).toEqual([0]);
    expect(report.workers).toBe(0);
    expect(report.commands.auth?.ok).toBeGreaterThan(0);
  });

  it('counts a dial that fails as a failed connect, with the dialer’s reason', async () => {
    server = await startModelServer({ kind: 'none' });
    const port = server.port;
    const refused = tcpDialer('127.0.0.1', await closedPort());
    let calls = 0;
    // The first dial (the up-front probe) reaches the server; every later one is refused.
    const dialer: Dialer = {
      address: 'flaky',
      dial: (timeoutMs) =>
        calls++ === 0 ? tcpDialer('127.0.0.1', port).dial(timeoutMs) : refused.dial(timeoutMs),
    };
    const { report } = await new LoadRun(options(port, { audit: false }), undefined, dialer).run();
    expect(report.outcomes.ok).toBe(0);
    expect(report.connects.failed).toBeGreaterThanOrEqual(4);
    expect(report.problems.map((p) => p.text).join('\n')).toMatch(
      /cannot connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });
});
