import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunResult } from '../../reports/parse.js';
import {
  requirementResultSchema,
  runResultSchema,
  scenarioResultSchema,
  transcriptEntrySchema,
} from '../../reports/schema.js';

const doc = readFileSync(new URL('../../reports/REPORT-SCHEMA.md', import.meta.url), 'utf8');

/** The text of the section under `## heading`, up to the next `## `. */
function section(heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`REPORT-SCHEMA.md has no section "${heading}"`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Field names in the first column of a section's table. */
function documentedFields(heading: string): string[] {
  return [...section(heading).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

describe('REPORT-SCHEMA.md', () => {
  it('documents every field of the schema, in the order renderJson writes them', () => {
    const top = runResultSchema.shape;
    expect(documentedFields('Top level')).toEqual(
      Object.keys(top).flatMap((key) => {
        const inner =
          key === 'tool'
            ? top.tool.shape
            : key === 'target'
              ? top.target.shape
              : key === 'dialect'
                ? top.dialect.unwrap().shape
                : {};
        return [key, ...Object.keys(inner).map((k) => `${key}.${k}`)];
      }),
    );
    expect(documentedFields('`scenarios[]`')).toEqual(Object.keys(scenarioResultSchema.shape));
    expect(documentedFields('`scenarios[].transcript[]`')).toEqual(
      Object.keys(transcriptEntrySchema.shape),
    );
    expect(documentedFields('`requirements[]`')).toEqual(
      Object.keys(requirementResultSchema.shape),
    );
  });

  it('has an example that parseRunResult accepts, with honest byte counts', () => {
    const example = /```json\n([\s\S]*?)```/.exec(section('Example'))?.[1];
    expect(example).toBeDefined();
    const result = parseRunResult(example!, 'the REPORT-SCHEMA.md example');
    expect(result.scenarios.map((s) => s.verdict)).toEqual(['PASS', 'FAIL']);
    for (const entry of result.scenarios.flatMap((s) => s.transcript)) {
      expect(entry.bytes).toBe(Buffer.byteLength(entry.text));
    }
  });
});
