/** The console's one line about what the preflight learned, and the report.json round trip. */
import { describe, expect, it } from 'vitest';
import { preflightLine, renderConsole } from '../../reports/console.js';
import { parseRunResult } from '../../reports/parse.js';
import { renderJson } from '../../reports/index.js';
import type { PreflightResult } from '../../results/run.js';
import { run, scenario } from './factory.js';

const base: PreflightResult = {
  absentCommands: [],
  login: 'ok',
  dialect: 'canonical',
  requests: 10,
};

describe('the preflight in the console report', () => {
  it('says nothing when nothing was learned that changes how the run reads', () => {
    expect(preflightLine({ ...run([scenario('auth/ok', 'PASS')]), preflight: base })).toBe(
      undefined,
    );
  });

  it('names the missing commands, the token key and an impossible login once', () => {
    const result = {
      ...run([scenario('auth/ok', 'FAIL')]),
      preflight: {
        ...base,
        absentCommands: ['SEND_FILE', 'MY_FILE'],
        login: 'token-under-key',
        tokenKey: 'token_id',
      } satisfies PreflightResult,
    };
    const line = preflightLine(result)!;
    expect(line).toBe(
      'server (learned before the run): lacks send_file, my_file (answered like a made-up verb); keeps the token under "token_id" (used for every scenario)',
    );
    expect(
      renderConsole(result, { color: false })
        .split('\n')
        .filter((l) => l === line),
    ).toHaveLength(1);
  });

  it('round-trips through report.json with the not-checkable fields', () => {
    const result = {
      ...run([
        scenario('inbox/group-entry-shape', 'INFORMATIONAL', {
          notRun: 'unsupported',
          missingCommands: ['SEND_GROUP'],
        }),
        scenario('send/delivered', 'INFORMATIONAL', {
          notRun: 'blocked',
          blockedBy: ['inbox/shape'],
        }),
      ]),
      preflight: {
        ...base,
        login: 'impossible' as const,
        loginProblem: 'logging in as messi answers ERROR',
      } satisfies PreflightResult,
    };
    const back = parseRunResult(renderJson(result));
    expect(back.preflight).toEqual(result.preflight);
    expect(back.scenarios.map((s) => [s.notRun, s.missingCommands, s.blockedBy])).toEqual([
      ['unsupported', ['SEND_GROUP'], undefined],
      ['blocked', undefined, ['inbox/shape']],
    ]);
  });
});
