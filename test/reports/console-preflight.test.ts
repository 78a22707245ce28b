/**
 * The console's one line about what the preflight learned, and the report.json round trip: the
 * replies as structured data, and version 1's strings converted when read.
 */
import { describe, expect, it } from 'vitest';
import { preflightLine, renderConsole } from '../../reports/console.js';
import { parseRunResult } from '../../reports/parse.js';
import { renderJson } from '../../reports/index.js';
import { receivedReply, type PreflightResult } from '../../results/run.js';
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

  it('keeps the replies as received text with their JSON objects, not strings of JSON', () => {
    const unknownText = '{"status": "ERROR", "message": "**Protocol Tidak Benar"}';
    const result = {
      ...run([scenario('auth/ok', 'PASS')]),
      preflight: {
        ...base,
        unknownCommandReply: receivedReply(unknownText),
        missingParamsReply: receivedReply('not json at all'),
      } satisfies PreflightResult,
    };
    const written = JSON.parse(renderJson(result)) as { preflight: Record<string, unknown> };
    expect(written.preflight.unknownCommandReply).toEqual({
      text: unknownText,
      json: { status: 'ERROR', message: '**Protocol Tidak Benar' },
    });
    expect(written.preflight.missingParamsReply).toEqual({ text: 'not json at all' });
    expect(parseRunResult(renderJson(result)).preflight).toEqual(result.preflight);
  });

  it('reads a version 1 report, whose replies were strings, into the structured form', () => {
    const v2 = JSON.parse(renderJson({ ...run([scenario('auth/ok', 'PASS')]), preflight: base }));
    const v1 = {
      ...v2,
      schemaVersion: 1,
      preflight: {
        ...v2.preflight,
        unknownCommandReply: '{"status":"ERROR","message":"**Protocol Tidak Benar"}',
        missingParamsReply: '[1, 2]',
      },
    };
    const back = parseRunResult(JSON.stringify(v1));
    expect(back.preflight?.unknownCommandReply).toEqual({
      text: '{"status":"ERROR","message":"**Protocol Tidak Benar"}',
      json: { status: 'ERROR', message: '**Protocol Tidak Benar' },
    });
    expect(back.preflight?.missingParamsReply).toEqual({ text: '[1, 2]' });
    // Version 2 has no strings there: one is a damaged file.
    const damaged = { ...v1, schemaVersion: 2 };
    expect(() => parseRunResult(JSON.stringify(damaged), 'r.json')).toThrow(
      /preflight\.unknownCommandReply/,
    );
  });
});
