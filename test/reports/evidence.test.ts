import { describe, expect, it } from 'vitest';
import {
  CONSOLE_EVIDENCE,
  JUNIT_EVIDENCE,
  evidenceLines,
  transcriptLines,
  verdictLines,
} from '../../reports/evidence.js';
import { entry, scenario } from './factory.js';

describe('verdictLines', () => {
  it('adds the step unless the reason already names it', () => {
    const plain = scenario('a', 'FAIL', { reason: 'status OK where ERROR was expected', step: 2 });
    expect(verdictLines(plain, CONSOLE_EVIDENCE)[0]).toBe(
      'reason:   status OK where ERROR was expected (at step 2)',
    );
    const named = scenario('a', 'FAIL', { reason: 'step 2 (auth): status OK', step: 2 });
    expect(verdictLines(named, CONSOLE_EVIDENCE)[0]).toBe('reason:   step 2 (auth): status OK');
    const other = scenario('a', 'FAIL', { reason: 'step 12 (auth): status OK', step: 2 });
    expect(verdictLines(other, CONSOLE_EVIDENCE)[0]).toMatch(/\(at step 2\)$/);
  });

  it("shows the harness's sentences as written and bounds them", () => {
    const s = scenario('a', 'ERROR', {
      expected: 'a JSON object followed by \\r\\n\\r\\n',
      actual: `\u0000${'x'.repeat(5000)}`,
    });
    const lines = verdictLines(s, CONSOLE_EVIDENCE);
    expect(lines[1]).toBe('expected: a JSON object followed by \\r\\n\\r\\n');
    expect(lines[2]!.startsWith('actual:   \\x00xxx')).toBe(true);
    expect(lines[2]!.length).toBeLessThan(CONSOLE_EVIDENCE.maxFieldChars + 40);
  });
});

describe('transcriptLines', () => {
  it('shows wire bytes exactly, backslashes doubled', () => {
    const lines = transcriptLines([entry('received', '{"msg":"a\\r"}\r\n\r\n')], CONSOLE_EVIDENCE);
    expect(lines[1]).toBe('  1.0 ms  a ← {"msg":"a\\\\r"}\\r\\n\\r\\n');
  });

  it('explains the arrows only where asked', () => {
    const transcript = [entry('sent', 'x')];
    expect(transcriptLines(transcript, CONSOLE_EVIDENCE)[0]).toBe('transcript, 1 entry:');
    expect(transcriptLines(transcript, JUNIT_EVIDENCE)[0]).toBe(
      'transcript, 1 entry (→ sent, ← received, · event):',
    );
  });

  it('aligns times and connection names', () => {
    const lines = transcriptLines(
      [entry('sent', 'x', 1, 'a'), entry('event', 'closed', 1234.5, 'second')],
      CONSOLE_EVIDENCE,
    );
    expect(lines.slice(1)).toEqual(['     1.0 ms  a      → x', '  1234.5 ms  second · closed']);
  });
});

describe('evidenceLines', () => {
  it('says "empty" for a scenario that ran and exchanged nothing, nothing for one that never ran', () => {
    const ran = scenario('a', 'ERROR', { transcript: [] });
    expect(evidenceLines(ran, CONSOLE_EVIDENCE).at(-1)).toBe(
      'transcript: empty (nothing was sent or received)',
    );
    const skipped = scenario('a', 'ERROR', { transcript: [], notRun: 'aborted' });
    const lines = evidenceLines(skipped, CONSOLE_EVIDENCE);
    expect(lines).toContain('not run:  the run was interrupted');
    expect(lines.some((line) => line.startsWith('transcript'))).toBe(false);
  });
});
