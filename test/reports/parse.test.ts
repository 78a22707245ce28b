import { describe, expect, it } from 'vitest';
import { renderJson } from '../../reports/json.js';
import { ReportFormatError, formatPath, parseRunResult } from '../../reports/parse.js';
import { everyVerdict, run } from './factory.js';

const valid = (): Record<string, unknown> =>
  JSON.parse(renderJson(run(everyVerdict()))) as Record<string, unknown>;

function errorOf(text: string, source?: string): ReportFormatError {
  try {
    parseRunResult(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportFormatError);
    return error as ReportFormatError;
  }
  throw new Error('expected parseRunResult to throw');
}

describe('parseRunResult', () => {
  it('accepts a report as renderJson writes it, also with a byte-order mark', () => {
    const text = renderJson(run(everyVerdict()));
    expect(parseRunResult(text).scenarios).toHaveLength(6);
    expect(parseRunResult(`\uFEFF${text}`).summary.FAIL).toBe(1);
  });

  it('says a truncated file is not JSON, names the file and keeps the cause', () => {
    const text = renderJson(run(everyVerdict()));
    const error = errorOf(text.slice(0, text.length / 2), 'out/report.json');
    expect(error.message).toMatch(
      /^out\/report\.json: \(root\): not JSON .*\(not a valid chatspec report\)$/,
    );
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses JSON that is not an object', () => {
    expect(errorOf('[1,2]').message).toContain('(root): expected a JSON object, got [1,2]');
    expect(errorOf('null').message).toContain('(root): expected a JSON object, got null');
  });

  it('names the field at fault, with the value found', () => {
    const data = valid();
    (data.scenarios as Record<string, unknown>[])[1]!.verdict = 'MAYBE';
    const error = errorOf(JSON.stringify(data));
    expect(error.issues[0]!.path).toBe('scenarios[1].verdict');
    expect(error.message).toContain('scenarios[1].verdict');
    expect(error.message).toContain('got "MAYBE"');
  });

  it('names a missing field as missing', () => {
    for (const key of Object.keys(valid())) {
      const data = valid();
      delete data[key];
      const error = errorOf(JSON.stringify(data));
      expect(error.issues.map((i) => i.path)).toContain(key);
      // The first problem is on the first line, after the file; the others on their own.
      expect(error.message).toMatch(
        new RegExp(`(^report\\.json: |\\n {2})${key}: missing \\(expected [^)]+\\)`),
      );
    }
  });

  it('names a wrong nested value in a transcript entry', () => {
    const data = valid();
    const scenarios = data.scenarios as { transcript: Record<string, unknown>[] }[];
    scenarios[1]!.transcript[0]!.direction = 'sideways';
    expect(errorOf(JSON.stringify(data)).issues[0]!.path).toBe(
      'scenarios[1].transcript[0].direction',
    );
  });

  it('refuses a malformed requirement id', () => {
    const data = valid();
    (data.requirements as Record<string, unknown>[])[0]!.id = 'AUTH1';
    expect(errorOf(JSON.stringify(data)).message).toMatch(
      /requirements\[0\]\.id: Invalid requirement id: .* \(got "AUTH1"\)/,
    );
  });

  it('refuses another schema version with a message about versions', () => {
    const data = { ...valid(), schemaVersion: 3 };
    expect(errorOf(JSON.stringify(data)).message).toContain(
      'schemaVersion: this chatspec reads schemaVersion 1 and 2, the file has 3',
    );
  });

  it('still reads a version 1 report, which has no attribution', () => {
    const data = { ...valid(), schemaVersion: 1 };
    expect(parseRunResult(JSON.stringify(data)).schemaVersion).toBe(1);
  });

  it('refuses a summary that contradicts the scenarios', () => {
    const data = valid();
    (data.summary as Record<string, number>).FAIL = 3;
    expect(errorOf(JSON.stringify(data)).message).toContain(
      'summary.FAIL: Summary says 3 but 1 scenarios have verdict FAIL',
    );
  });

  it('refuses duplicate scenario ids', () => {
    const data = valid();
    const scenarios = data.scenarios as Record<string, unknown>[];
    scenarios[2]!.id = scenarios[0]!.id;
    const error = errorOf(JSON.stringify(data));
    expect(error.issues[0]!.path).toBe('scenarios[2].id');
    expect(error.message).toContain('also scenarios[0]');
  });

  it('lists the first five issues and counts the rest', () => {
    const data = valid();
    for (const s of data.scenarios as Record<string, unknown>[]) s.durationMs = -1;
    const error = errorOf(JSON.stringify(data));
    expect(error.issues).toHaveLength(6);
    // The first on the first line, after the file; four more below it.
    expect(error.message.split('\n')[0]).toMatch(/^report\.json: scenarios\[0\]\.durationMs: /);
    expect(error.message.split('\n').filter((l) => l.startsWith('  scenarios['))).toHaveLength(4);
    expect(error.message).toContain('(and 1 more)');
  });

  it('keeps a hostile value from breaking the message', () => {
    const data = valid();
    data.strict = '\u001b[2J'.repeat(100);
    const error = errorOf(JSON.stringify(data));
    expect(error.message).not.toContain('\u001b');
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('formatPath', () => {
  it('writes a path as a JavaScript accessor', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['scenarios', 3, 'verdict'])).toBe('scenarios[3].verdict');
    expect(formatPath(['summary', 'NON-STRICT'])).toBe('summary["NON-STRICT"]');
  });
});
