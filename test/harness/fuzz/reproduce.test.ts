/**
 * Counterexamples that reproduce: a shrunk case that fails only because of what earlier
 * cases left on the server is not handed out as the reproduction. What is saved fails when
 * `chatspec test --scenario` (the built CLI) replays it on a fresh server with the defect.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz } from '../../../harness/fuzz/engine.js';
import { resolveFuzzOptions } from '../../../harness/fuzz/options.js';
import { renderFailure } from '../../../harness/fuzz/render.js';
import type { FreshServer } from '../../../harness/fuzz/reproduce.js';
import { tcpDialer } from '../../../net/dialer.js';
import { startServer } from '../../../reference-server/index.js';
import { runChatspec } from '../../cli/support/run-cli.js';

const DEFECT = 'drops-every-nth-message';

async function freshDefectServer(): Promise<FreshServer> {
  const server = await startServer({ host: '127.0.0.1', port: 0, defects: [DEFECT] });
  return { dialer: tcpDialer(server.host, server.port), close: () => server.close() };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-reproduce-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe(`fuzzing ${DEFECT} (every third send acknowledged and dropped)`, () => {
  it.each([1, 7, 42])(
    'seed %i: saves a case that fails on a fresh server, and says when the shrunk one does not',
    async (seed) => {
      const target = await startServer({ host: '127.0.0.1', port: 0, defects: [DEFECT] });
      let result;
      try {
        result = await runFuzz(
          resolveFuzzOptions({
            target: { dialer: tcpDialer(target.host, target.port) },
            seed,
            runs: 50,
            freshServer: freshDefectServer,
          }),
        );
      } finally {
        await target.close();
      }
      expect(result.failure?.requirement).toBe('SEND-2');
      const reproduction = result.reproduction!;
      expect(reproduction.on).toBe('fresh-server');
      expect(reproduction.saved).not.toBe('none');
      const printed = renderFailure(result.failure!, {}, 'case.yaml', reproduction).join('\n');
      if (reproduction.saved === 'shrunk') {
        expect(reproduction.shrunkFailed).toBe(reproduction.attempts);
        expect(printed).toMatch(/^Replay: chatspec fuzz --seed/m);
      } else {
        // The shrunk case passed on its own: its replay command is not offered.
        expect(reproduction.shrunkFailed).toBeLessThan(reproduction.attempts);
        expect(printed).toContain("Depends on the server's state before the case");
        expect(printed).not.toMatch(/^Replay:/m);
      }
      expect(printed).toContain('Scenario: case.yaml  (chatspec test --scenario case.yaml)');

      // The saved file, replayed by the CLI on a fresh server with the defect, fails.
      const file = join(dir, `seed-${seed}.yaml`);
      await writeFile(file, result.scenario!.yaml);
      const fresh = await startServer({ host: '127.0.0.1', port: 0, defects: [DEFECT] });
      try {
        const replay = await runChatspec(
          [
            'test',
            `127.0.0.1:${fresh.port}`,
            '--scenario',
            file,
            '--out',
            join(dir, `out-${seed}`),
          ],
          60_000,
        );
        expect(replay.stdout).toMatch(/SEND-2/);
        expect(replay.code).toBe(1);
      } finally {
        await fresh.close();
      }
    },
    120_000,
  );
});
