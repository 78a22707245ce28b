/**
 * specs/scenarios/extra/bad-input.yaml is the corpus as a scenario file: it must not drift
 * from the corpus, it must run clean against the reference server, and it must judge
 * defective servers at each case's level (a MUST broken is FAIL, a SHOULD NON-STRICT).
 */
import { tcpDialer } from '../../net/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../harness/corpus/index.js';
import { renderBadInputScenarios } from '../../harness/corpus/to-scenarios.js';
import { parseScenarioText, runConformance, type Scenario } from '../../harness/index.js';
import { packageRoot } from '../../specs/package-root.js';
import { startServer } from '../../reference-server/index.js';

const root = packageRoot();
const FILE = join(root, 'specs', 'scenarios', 'extra', 'bad-input.yaml');
const corpus = loadCorpus(join(root, 'test', 'corpus', 'bad-input'));
const committed = readFileSync(FILE, 'utf8');
const scenarios: Scenario[] = parseScenarioText(committed, 'specs/scenarios/extra/bad-input.yaml');

async function verdicts(
  defects: string[],
  only?: string[],
  timeoutMs = 10_000,
): Promise<Map<string, string>> {
  const server = await startServer({ host: '127.0.0.1', port: 0, defects });
  try {
    const result = await runConformance({
      dialer: tcpDialer(server.host, server.port),
      scenarios,
      ...(only ? { only } : {}),
      timeoutMs,
      embedded: true,
    });
    return new Map(result.scenarios.map((s) => [s.id, s.verdict]));
  } finally {
    await server.close();
  }
}

describe('specs/scenarios/extra/bad-input.yaml', () => {
  it('is what `npm run corpus:scenarios` writes from the corpus (run it after editing a case)', () => {
    expect(committed).toBe(renderBadInputScenarios(corpus));
  });

  it('has one scenario per corpus case, at the case level', () => {
    expect(scenarios.map((s) => s.id)).toEqual(corpus.map((c) => `bad-input/${c.name}`));
    expect(scenarios.map((s) => s.level)).toEqual(corpus.map((c) => c.level));
  });

  it('passes every scenario against the reference server', { timeout: 120_000 }, async () => {
    const result = await verdicts([]);
    const notPass = [...result].filter(([, v]) => v !== 'PASS');
    expect(notPass).toEqual([]);
    expect(result.size).toBe(corpus.length);
  });

  it('fails a server that takes forged tokens, on the MUST token cases only', async () => {
    const result = await verdicts(['any-token-accepted'], ['bad-input/token-*']);
    expect(result.get('bad-input/token-last-character-changed')).toBe('FAIL');
    expect(result.get('bad-input/token-never-issued')).toBe('FAIL');
  });

  it('grades a server that hangs on unknown commands NON-STRICT where the case is a SHOULD', async () => {
    const result = await verdicts(
      ['hangs-on-unknown-command'],
      ['bad-input/nul-in-verb', 'bad-input/blank-empty-line', 'bad-input/tabs-as-separators'],
      2000, // each hang costs the whole budget
    );
    expect(result.get('bad-input/nul-in-verb')).toBe('NON-STRICT');
    expect(result.get('bad-input/blank-empty-line')).toBe('NON-STRICT');
    // A case with no unknown command in it is unaffected.
    expect(result.get('bad-input/tabs-as-separators')).toBe('PASS');
  });

  it('fails a server that closes on missing params', async () => {
    const result = await verdicts(['closes-on-missing-params'], ['bad-input/missing-send-text']);
    expect(result.get('bad-input/missing-send-text')).toBe('FAIL');
  });

  it('reports a server that dies on bad input as ERROR, not as a pass', async () => {
    const result = await verdicts(['crashes-after-requests=3'], ['bad-input/nul-in-message']);
    expect(result.get('bad-input/nul-in-message')).toBe('ERROR');
  });
});
