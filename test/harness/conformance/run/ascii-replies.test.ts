/**
 * Raw UTF-8 in replies is allowed: the course's clients break on it, but the document never
 * asks for ASCII. framing/non-ascii-text notes it (INFORMATIONAL at FRAME-10, worth no
 * points) and nothing fails; json.dumps's ASCII replies pass.
 */
import { tcpDialer } from '../../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../../../../harness/index.js';
import { runFailed } from '../../../../results/index.js';
import { startServer, type RunningServer } from '../../../../reference-server/index.js';
import { scoreOf } from '../../../../reports/score.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function framingRun(defects: string[]) {
  server = await startServer({ port: 0, defects });
  return runConformance({
    dialer: tcpDialer('127.0.0.1', server.port),
    timeoutMs: 3000,
    only: ['framing/'],
  });
}

describe('non-ASCII text in replies', () => {
  it('passes replies written as json.dumps writes them (ASCII only)', async () => {
    const result = await framingRun([]);
    const scenario = result.scenarios.find((s) => s.id === 'framing/non-ascii-text');
    expect(scenario).toMatchObject({ verdict: 'PASS' });
  });

  it('notes raw UTF-8 as INFORMATIONAL at FRAME-10, fails nothing and costs no points', async () => {
    const clean = await framingRun([]);
    await server?.close();
    const utf8 = await framingRun(['utf8-replies']);
    const scenario = utf8.scenarios.find((s) => s.id === 'framing/non-ascii-text');
    expect(scenario).toMatchObject({
      verdict: 'INFORMATIONAL',
      requirements: ['FRAME-10'],
      expected: expect.stringContaining('ASCII only'),
    });
    expect(scenario?.reason).toMatch(/raw UTF-8 \(allowed\).*recv\(\) chunk by itself/);
    expect(scenario?.actual).toMatch(/^"é" \(2 bytes\) in /);
    // Only that one scenario is touched: the split-character scenario has no such note.
    const others = utf8.scenarios.filter((s) => s.id !== 'framing/non-ascii-text');
    expect(others.map((s) => [s.id, s.verdict])).toEqual(
      clean.scenarios
        .filter((s) => s.id !== 'framing/non-ascii-text')
        .map((s) => [s.id, s.verdict]),
    );
    expect(utf8.requirements.find((r) => r.id === 'FRAME-10')?.verdict).toBe('INFORMATIONAL');
    expect(utf8.summary.FAIL + utf8.summary.ERROR).toBe(0);
    expect(runFailed(utf8.summary, true)).toBe(false);
    expect(scoreOf(utf8)).toEqual(scoreOf(clean));
  });
});
