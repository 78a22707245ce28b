import { describe, expect, it } from 'vitest';
import { renderFailure, renderSummary } from '../../../harness/fuzz/render.js';
import type { FuzzFailure, FuzzResult, StepRecord } from '../../../results/fuzz.js';

const step = (index: number, request: string, over: Partial<StepRecord> = {}): StepRecord => ({
  index,
  connection: 'c0',
  request,
  expected: '{"status":"OK","message":"Message Sent"}',
  actual: '{"status":"OK","message":"Message Sent"}',
  verdict: 'PASS',
  reason: 'as the model',
  ...over,
});

const failure: FuzzFailure = {
  verdict: 'FAIL',
  reason: 'step 3: messages under "messi" out of order',
  requirement: 'SEND-4',
  seed: -5,
  path: '4:1:0',
  shrinks: 7,
  replayFlags: ['--max-commands', '40', '--connections', '3'],
  detail: {
    kind: 'sequential',
    setup: [],
    steps: [
      step(1, 'send $messi henderson a'),
      step(2, 'send $messi henderson b'),
      step(3, 'inbox $henderson', {
        verdict: 'FAIL',
        reason: 'messages under "messi" out of order',
        requirement: 'SEND-4',
        expected: '{"messages":{"messi":["a","b"]}}',
        actual: '{"messages":{"messi":["b","a"]}}',
      }),
    ],
  },
};

describe('renderFailure', () => {
  it('shows every step, expected and actual where it failed, and how to replay it', () => {
    const text = renderFailure(failure, { target: '127.0.0.1:8889' }, 'out/fuzz.yaml').join('\n');
    expect(text).toContain('FAIL: step 3: messages under "messi" out of order [SEND-4]');
    expect(text).toContain('seed -5, path 4:1:0; shrunk 7 time(s)');
    expect(text).toMatch(/1 {2}c0 {2}send \$messi henderson a/);
    expect(text).toContain('expected {"messages":{"messi":["a","b"]}}');
    expect(text).toContain('actual   {"messages":{"messi":["b","a"]}}');
    expect(text).toContain('Replay: chatspec fuzz 127.0.0.1:8889 --seed -5 --path 4:1:0');
    expect(text).toContain('chatspec test 127.0.0.1:8889 --scenario out/fuzz.yaml');
  });

  it('replays against the same server in the same dialect: launch options, fixture and dialect as given', () => {
    const context = {
      launch: ['--run', 'python3 server.py', '--cwd', 'alice'],
      fixture: 'users.json',
      dialect: 'groups.yaml',
    };
    const text = renderFailure(failure, context, 'out/fuzz.yaml').join('\n');
    expect(text).toContain(
      "Replay: chatspec fuzz --run 'python3 server.py' --cwd alice --fixture users.json --dialect groups.yaml --seed -5 --path 4:1:0",
    );
    expect(text).toContain(
      "chatspec test --run 'python3 server.py' --cwd alice --fixture users.json --dialect groups.yaml --scenario out/fuzz.yaml",
    );
  });

  it('puts parallel branches side by side and leaves out branches shrunk to nothing', () => {
    const text = renderFailure(
      {
        ...failure,
        detail: {
          kind: 'parallel',
          setup: [],
          prefix: [],
          branches: [[step(1, 'send $messi messi x')], [], [step(1, 'send $henderson messi y')]],
          epilogue: [step(1, 'inbox $messi', { verdict: 'FAIL', reason: 'lost' })],
          explanation: 'e1 inbox $messi: lost',
          closestOrder: 'b1.1 b3.1 e1',
        },
      },
      {},
    ).join('\n');
    const header = text.split('\n').find((l) => l.includes('branch 1'))!;
    expect(header).toContain('branch 3');
    expect(header).not.toContain('branch 2');
    expect(text).toContain('No interleaving of the branches explains these replies.');
    expect(text).toContain('b1.1 b3.1 e1');
  });
});

describe('renderSummary', () => {
  it('counts what ran and lists the findings short of failing with an example', () => {
    const result = {
      mode: 'sequential',
      target: { address: '127.0.0.1:1', embedded: true },
      seed: 1,
      passed: true,
      settings: {},
      stats: {
        runs: 200,
        shrinkRuns: 0,
        commands: 4000,
        requests: 8000,
        durationMs: 800,
        commandsPerSec: 5000,
        requestsPerSec: 10000,
        inconclusive: 0,
      },
      notes: [
        {
          verdict: 'NON-STRICT',
          reason: 'error text "Informasi tidak ditemukan"',
          requirement: 'SESSION-1',
          count: 12,
          example: { request: 'inbox null', actual: '{"status":"ERROR"}' },
        },
      ],
    } as unknown as FuzzResult;
    const text = renderSummary(result).join('\n');
    expect(text).toContain(
      '200 case(s) run; 4000 command(s), 8000 request(s) in 800 ms (5000 commands/s',
    );
    expect(text).toContain('NON-STRICT    ×12  error text "Informasi tidak ditemukan" [SESSION-1]');
    expect(text).toContain('e.g. inbox null');
    expect(text).toContain('PASS: no failure found');
  });
});
