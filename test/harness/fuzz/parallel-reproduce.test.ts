/**
 * A parallel case has no scenario file, so its seed and path are replayed before its replay
 * command is printed: offered when every replay failed on its own (on a fresh server, or with
 * fresh logins on the target), withheld with a sentence saying so when a replay passed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runFuzz } from '../../../harness/fuzz/engine.js';
import { resolveFuzzOptions } from '../../../harness/fuzz/options.js';
import { renderFailure } from '../../../harness/fuzz/render.js';
import type { FreshServer } from '../../../harness/fuzz/reproduce.js';
import { tcpDialer } from '../../../net/dialer.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import type { FuzzResult } from '../../../results/fuzz.js';

const DEFECT = 'message-first-word-only';

function freshServerWith(defects: readonly string[]): () => Promise<FreshServer> {
  return async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0, defects: [...defects] });
    return { dialer: tcpDialer(server.host, server.port), close: () => server.close() };
  };
}

const targets: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

async function fuzzParallel(
  freshServer: (() => Promise<FreshServer>) | undefined,
): Promise<FuzzResult> {
  const target = await startServer({ host: '127.0.0.1', port: 0, defects: [DEFECT] });
  targets.push(target);
  return runFuzz(
    resolveFuzzOptions({
      target: { dialer: tcpDialer(target.host, target.port) },
      mode: 'parallel',
      seed: 11,
      runs: 100,
      ...(freshServer !== undefined ? { freshServer } : {}),
    }),
  );
}

describe(`parallel fuzzing of ${DEFECT}`, () => {
  it('prints the replay after its seed and path failed on three fresh servers, and it fails again', async () => {
    const result = await fuzzParallel(freshServerWith([DEFECT]));
    expect(result.failure?.detail.kind).toBe('parallel');
    expect(result.scenario).toBeUndefined();
    expect(result.reproduction).toEqual({
      on: 'fresh-server',
      attempts: 3,
      shrunkFailed: 3,
      saved: 'shrunk',
      replayed: 'path',
    });
    const printed = renderFailure(result.failure!, {}, undefined, result.reproduction).join('\n');
    expect(printed).toContain(
      'Reproduced: the case failed in 3 of 3 replays of its seed and path on a fresh server.',
    );
    expect(printed).toMatch(/^Replay: chatspec fuzz --seed 11 --path \S+ --parallel/m);

    // The printed seed and path, replayed once more on a server of its own, fail the same way.
    const fresh = await freshServerWith([DEFECT])();
    try {
      const again = await runFuzz(
        resolveFuzzOptions({
          target: { dialer: fresh.dialer },
          mode: 'parallel',
          seed: result.failure!.seed,
          path: result.failure!.path,
          runs: 1,
        }),
      );
      expect(again.failure?.requirement).toBe(result.failure!.requirement);
      // A run given a path is itself the replay: it is not replayed again.
      expect(again.reproduction).toBeUndefined();
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('replays with fresh logins on the target when no fresh server can be started', async () => {
    const result = await fuzzParallel(undefined);
    expect(result.reproduction).toMatchObject({
      on: 'fresh-connections',
      shrunkFailed: 3,
      saved: 'shrunk',
      replayed: 'path',
    });
  }, 120_000);

  it('withholds the replay when the case passes on its own', async () => {
    // Fresh servers without the defect: every replay of the case passes.
    const result = await fuzzParallel(freshServerWith([]));
    expect(result.passed).toBe(false);
    expect(result.reproduction).toEqual({
      on: 'fresh-server',
      attempts: 3,
      shrunkFailed: 0,
      saved: 'none',
      replayed: 'path',
    });
    const printed = renderFailure(result.failure!, {}, undefined, result.reproduction).join('\n');
    expect(printed).toContain(
      'Did not reproduce on its own: replayed from its seed and path on a fresh server, the case failed 0 time(s) before a replay passed.',
    );
    expect(printed).not.toMatch(/^Replay:/m);
  }, 120_000);
});
