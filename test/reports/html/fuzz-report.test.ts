import { describe, expect, it } from 'vitest';
import type { FuzzResult, StepRecord } from '../../../results/fuzz.js';
import { renderFuzzHtml } from '../../../reports/html/fuzz-report.js';
import { parseFuzzResult } from '../../../reports/fuzz-schema.js';

function step(
  index: number,
  request: string,
  actual: string,
  verdict: StepRecord['verdict'] = 'PASS',
): StepRecord {
  return {
    index,
    connection: 'c1',
    request,
    expected: '{"status":"OK"}',
    actual,
    verdict,
    reason: verdict === 'PASS' ? 'as the model says' : 'lost',
  };
}

const result: FuzzResult = {
  schemaVersion: 1,
  mode: 'parallel',
  target: { address: '127.0.0.1:9', embedded: false },
  seed: 42,
  settings: {
    runs: 10,
    maxCommands: 15,
    connections: 3,
    branches: 2,
    maxFileBytes: 100,
    timeoutMs: 2000,
    strict: false,
    shrinkTimeMs: 1000,
  },
  startedAt: '2026-12-01T00:00:00.000Z',
  passed: false,
  stats: {
    runs: 3,
    shrinkRuns: 5,
    commands: 40,
    requests: 80,
    durationMs: 100,
    commandsPerSec: 400,
    requestsPerSec: 800,
    inconclusive: 0,
  },
  notes: [],
  failure: {
    verdict: 'FAIL',
    reason: 'a message was lost',
    requirement: 'INBOX-1',
    seed: 42,
    path: '3:1',
    shrinks: 2,
    replayFlags: ['--parallel'],
    detail: {
      kind: 'parallel',
      setup: [],
      prefix: [step(1, 'auth messi surabaya', '{"status":"OK"}')],
      branches: [
        [step(1, 'send $messi henderson hi', '<script>x</script>')],
        [step(1, 'send $lineker henderson yo', '{"status":"OK"}')],
      ],
      epilogue: [step(1, 'inbox $henderson', '{"status":"OK","messages":{}}', 'FAIL')],
      explanation: 'no order delivers both',
      closestOrder: 'b1.1 b2.1',
    },
  },
};

describe('renderFuzzHtml', () => {
  it('shows the seed, the replay command and the branches side by side, escaped', () => {
    const page = renderFuzzHtml(result);
    expect(page).toContain('<dd class="mono" id="fuzz-seed">42</dd>');
    expect(page).toContain('chatspec fuzz 127.0.0.1:9 --seed 42 --path 3:1 --parallel');
    expect(page).toContain('grid-template-columns:repeat(2,');
    expect(page).toContain('id="branch-1"');
    expect(page).toContain('id="branch-2"');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('offers the same replay command as the console: fixture and dialect included', () => {
    const page = renderFuzzHtml({
      ...result,
      replayContext: { target: '127.0.0.1:9', fixture: 'users.json', dialect: 'english' },
    });
    expect(page).toContain(
      'chatspec fuzz 127.0.0.1:9 --fixture users.json --dialect english --seed 42 --path 3:1 --parallel',
    );
  });

  it('offers no replay command for a case that passed when replayed on its own', () => {
    const page = renderFuzzHtml({
      ...result,
      reproduction: {
        on: 'fresh-server',
        attempts: 3,
        shrunkFailed: 1,
        saved: 'none',
        replayed: 'path',
      },
    });
    expect(page).not.toContain('--path 3:1');
    expect(page).toContain('none offered: the case did not fail when replayed on its own');
  });

  it('reads a saved fuzz report back, and names the field of a damaged one', () => {
    expect(parseFuzzResult(JSON.parse(JSON.stringify(result)), 'f.json').seed).toBe(42);
    expect(() => parseFuzzResult({ ...result, stats: { runs: 'x' } }, 'f.json')).toThrow(
      /f\.json .*\n {2}stats\.runs/,
    );
  });
});
