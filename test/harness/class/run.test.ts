import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { loadBuiltinScenarios, selectScenarios, type Scenario } from '../../../harness/index.js';
import { defaultParallel, runClass } from '../../../harness/class/run.js';
import type { ClassTarget } from '../../../harness/class/targets.js';
import { closedPort } from '../../support/ports.js';

function target(name: string, port: number): ClassTarget {
  return { name, address: `127.0.0.1:${port}`, host: '127.0.0.1', port, probe: false };
}

/** Accepts connections and never answers anything. */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket.on('error', () => {})));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('runClass', () => {
  let clean: RunningServer;
  let silent: { port: number; close(): void };
  let scenarios: Scenario[];
  beforeAll(async () => {
    clean = await startServer({ host: '127.0.0.1', port: 0 });
    silent = await silentServer();
    scenarios = selectScenarios(await loadBuiltinScenarios(), ['auth/']);
  });
  afterAll(async () => {
    await clean.close();
    silent.close();
  });

  it('runs servers at once: a silent one costs its own timeouts and delays no other', async () => {
    // Long enough that the silent run outlasts the clean one even on a loaded machine.
    const timeoutMs = 1500;
    const done: string[] = [];
    const entries = await runClass({
      targets: [target('silent', silent.port), target('clean', clean.port)],
      fixtures: new Map(),
      scenarios,
      parallel: 2,
      timeoutMs,
      strict: false,
      onServer: (entry) => done.push(entry.target.name),
    });
    expect(done).toEqual(['clean', 'silent']);
    const [silentEntry, cleanEntry] = entries;
    expect(cleanEntry!.result!.summary.PASS).toBe(scenarios.length);
    // Alone, the clean run takes well under one silent scenario's timeouts times their count.
    expect(cleanEntry!.durationMs).toBeLessThan(silentEntry!.durationMs);
    // The silent server is judged, not skipped: ERROR, every scenario, with its own timeout.
    const silentResult = silentEntry!.result!;
    expect(silentResult.summary.ERROR).toBeGreaterThan(0);
    expect(silentResult.summary.PASS).toBe(0);
    expect(silentResult.timeoutMs).toBe(timeoutMs);
  }, 120_000);

  it('turns an unreachable server, a crashed run and a run past its deadline into that server’s ERROR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-class-'));
    const crash = join(dir, 'crash.mjs');
    const spin = join(dir, 'spin.mjs');
    await writeFile(crash, "throw new Error('boom in the run');\n");
    await writeFile(spin, 'for (;;) {}\n');
    const closed = await closedPort();
    const base = {
      fixtures: new Map(),
      scenarios,
      parallel: 3,
      timeoutMs: 300,
      strict: false,
    } as const;
    const [unreachable] = await runClass({ ...base, targets: [target('gone', closed)] });
    expect(unreachable!.error?.kind).toBe('unreachable');
    const crashed = await runClass({
      ...base,
      targets: [target('a', clean.port)],
      workerPath: crash,
    });
    expect(crashed[0]!.error).toMatchObject({ kind: 'crashed' });
    expect(crashed[0]!.error!.message).toContain('boom in the run');
    const started = performance.now();
    const spun = await runClass({
      ...base,
      targets: [target('b', clean.port), target('c', clean.port)],
      workerPath: spin,
      deadlineMs: 500,
    });
    expect(spun.map((e) => e.error?.kind)).toEqual(['deadline', 'deadline']);
    // Both deadlines ran at once, not one after the other.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('defaults to many more runs at once than cores', () => {
    expect(defaultParallel(2)).toBeGreaterThanOrEqual(40);
    expect(defaultParallel(1)).toBeGreaterThanOrEqual(8);
    expect(defaultParallel(128)).toBe(64);
  });
});
