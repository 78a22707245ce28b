import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERDICTS, type RunResult, type ScenarioResult } from '../../results/run.js';
import { renderJson } from '../../reports/json.js';
import { parseRunResult } from '../../reports/parse.js';
import { HOSTILE_TEXT, entry, everyVerdict, run, scenario } from './factory.js';

/** The same object with its keys inserted in reverse order, recursively. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  );
}

describe('renderJson', () => {
  it('is pretty JSON ending with a newline', () => {
    const text = renderJson(run(everyVerdict()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('writes keys in the schema order whatever order the object was built in', () => {
    const result = run(everyVerdict());
    const text = renderJson(reversedKeys(result) as RunResult);
    expect(text).toBe(renderJson(result));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'target',
      'startedAt',
      'durationMs',
      'strict',
      'timeoutMs',
      'summary',
      'scenarios',
      'requirements',
    ]);
    expect(Object.keys(parsed.summary as object)).toEqual([...VERDICTS]);
    const first = (parsed.scenarios as Record<string, unknown>[])[1]!;
    expect(Object.keys(first)).toEqual([
      'id',
      'title',
      'group',
      'command',
      'requirements',
      'verdict',
      'reason',
      'expected',
      'actual',
      'step',
      'durationMs',
      'transcript',
    ]);
    expect(Object.keys((first.transcript as object[])[0]!)).toEqual([
      'direction',
      'atMs',
      'connection',
      'text',
      'bytes',
    ]);
  });

  it('keeps a field it does not know, after the known ones, rather than dropping it', () => {
    const result = { ...run([]), zeta: 1, alpha: 'x' } as RunResult;
    expect(Object.keys(JSON.parse(renderJson(result)) as object).slice(-2)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('round-trips through parseRunResult, hostile bytes included', () => {
    const hostile = scenario('auth/hostile', 'FAIL', {
      actual: HOSTILE_TEXT,
      transcript: [entry('received', HOSTILE_TEXT, 2, 'conn\u0000')],
    });
    const skipped = scenario('send_group/roles', 'INFORMATIONAL', {
      notRun: 'fixture',
      transcript: [],
    });
    const result = run([...everyVerdict(), skipped, hostile], { strict: true });
    const text = renderJson(result);
    const back = parseRunResult(text);
    // everyVerdict's ERROR scenario sets expected/actual to undefined; JSON drops them.
    expect(back).toEqual(JSON.parse(JSON.stringify(result)));
    expect(back.scenarios.at(-1)!.transcript[0]!.text).toBe(HOSTILE_TEXT);
    expect(renderJson(back)).toBe(text);
  });

  it('round-trips any scenario text', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(anyText, anyText, anyText, (title, reason, wire) => {
        const s: ScenarioResult = scenario('auth/x', 'FAIL', {
          title,
          reason,
          transcript: [entry('received', wire)],
        });
        const result = run([s]);
        expect(parseRunResult(renderJson(result))).toEqual(JSON.parse(JSON.stringify(result)));
      }),
      { numRuns: 100 },
    );
  });
});
