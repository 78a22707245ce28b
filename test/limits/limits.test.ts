/**
 * Limits that had no test reaching them: each is reached here and gives its documented
 * outcome (docs/limits.md).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TRANSCRIPT_KEEP_BYTES,
  TRANSCRIPT_MAX_ENTRIES,
  Transcript,
} from '../../results/transcript.js';
import { parseScenarioText } from '../../harness/index.js';
import { DialectError, MAX_DIALECT_FILE_BYTES, loadDialectSpec } from '../../specs/index.js';

describe('transcript limits', () => {
  it(`keeps ${TRANSCRIPT_MAX_ENTRIES} entries and counts the rest`, () => {
    const t = new Transcript();
    for (let i = 0; i < TRANSCRIPT_MAX_ENTRIES + 5; i++) t.record('sent', 'c', 'x');
    expect(t.entries).toHaveLength(TRANSCRIPT_MAX_ENTRIES);
    expect(t.dropped).toBe(5);
  });

  it(`keeps ${TRANSCRIPT_KEEP_BYTES} bytes at each end of a long entry`, () => {
    const t = new Transcript();
    t.record('received', 'c', Buffer.alloc(1024 * 1024, 'a'));
    const entry = t.entries[0]!;
    expect(entry.bytes).toBe(1024 * 1024);
    expect(entry.text).toContain(`[${1024 * 1024 - 2 * TRANSCRIPT_KEEP_BYTES} bytes elided]`);
    expect(entry.text.length).toBeLessThan(2 * TRANSCRIPT_KEEP_BYTES + 100);
  });
});

describe('input file limits', () => {
  it('a dialect file over MAX_DIALECT_FILE_BYTES is refused, naming the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'chatspec-limits-')), 'big.yaml');
    writeFileSync(path, `# ${'x'.repeat(MAX_DIALECT_FILE_BYTES)}\nname: big\n`);
    expect(() => loadDialectSpec(path)).toThrow(DialectError);
    expect(() => loadDialectSpec(path)).toThrow(new RegExp(`^${path}:1: .*larger than`));
  });

  it('a scenario text template over 1 MiB is refused, naming the field', () => {
    const yaml = `group: GENERAL\nscenarios:\n  - id: a/b\n    title: t\n    requirements: [FRAME-11]\n    steps:\n      - raw: "${'x'.repeat(1024 * 1024 + 1)}"\n`;
    expect(() => parseScenarioText(yaml, 'big.yaml')).toThrow(
      /^big\.yaml: invalid scenario file: scenarios\[0\] \(a\/b\)\.steps\[0\]\.raw: must be at most 1 MiB/,
    );
  });
});
