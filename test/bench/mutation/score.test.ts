/**
 * The mutation test: the harness must catch every defect of the reference server's catalogue
 * with a scenario that names what is broken, and leave the clean server alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFECTS, defectByName, type Defect } from '../../../reference-server/index.js';
import type { ScenarioResult, Verdict } from '../../../results/index.js';
import {
  catchingVerdicts,
  judge,
  mutationSpec,
  runClean,
  runMutation,
  type DefectScore,
} from '../../../bench/mutation/score.js';

function scenario(
  id: string,
  verdict: Verdict,
  requirements: ScenarioResult['requirements'],
): ScenarioResult {
  return {
    id,
    title: id,
    group: 'GENERAL',
    command: null,
    requirements,
    verdict,
    reason: '',
    durationMs: 0,
    transcript: [],
  };
}

const byName = (name: string): Defect => defectByName(name)!;

describe('judging a defect run', () => {
  it('counts FAIL, ERROR and UNIMPLEMENTED on a scenario naming a broken requirement', () => {
    const d = byName('inbox-not-emptied'); // breaks INBOX-2 (MUST)
    for (const verdict of ['FAIL', 'ERROR', 'UNIMPLEMENTED'] as const) {
      expect(judge(d, [scenario('inbox/empties', verdict, ['INBOX-2'])]).catches).toHaveLength(1);
    }
  });

  it('does not count a verdict on a scenario about something else, nor a PASS', () => {
    const d = byName('inbox-not-emptied');
    const { catches, otherFindings } = judge(d, [
      scenario('send/delivered', 'FAIL', ['SEND-2']),
      scenario('inbox/empties', 'PASS', ['INBOX-2']),
    ]);
    expect(catches).toEqual([]);
    expect(otherFindings).toBe(1);
  });

  it('counts NON-STRICT only for a defect that breaks nothing but SHOULDs or an error text', () => {
    expect(catchingVerdicts(byName('inbox-not-emptied')).has('NON-STRICT')).toBe(false);
    expect(catchingVerdicts(byName('requires-crlf')).has('NON-STRICT')).toBe(true); // FRAME-6 SHOULD
    expect(catchingVerdicts(byName('wrong-error-text')).has('NON-STRICT')).toBe(true); // text only
    expect(
      judge(byName('inbox-not-emptied'), [scenario('inbox/empties', 'NON-STRICT', ['INBOX-2'])])
        .catches,
    ).toEqual([]);
  });

  it('lists the most severe catches first', () => {
    const { catches } = judge(byName('wrong-error-text'), [
      scenario('a', 'NON-STRICT', ['AUTH-2']),
      scenario('b', 'ERROR', ['PROTO-1']),
      scenario('c', 'FAIL', ['PROTO-3']),
    ]);
    expect(catches.map((c) => c.verdict)).toEqual(['ERROR', 'FAIL', 'NON-STRICT']);
  });

  it('makes slow replies slower than the harness waits', () => {
    expect(mutationSpec(byName('slow-replies'), 1000)).toBe('slow-replies=3000');
    expect(mutationSpec(byName('reply-crlf-only'), 1000)).toBe('reply-crlf-only');
  });
});

describe('the harness against every defect', () => {
  const scores = new Map<string, DefectScore>();

  beforeAll(async () => {
    const result = await runMutation({ concurrency: 6 });
    for (const s of result.scores) scores.set(s.defect, s);
  }, 240_000);

  it.each(DEFECTS.filter((d) => d.allowed !== true).map((d) => [d.name, d] as const))(
    'catches %s',
    (name, defect) => {
      const score = scores.get(name);
      expect(score, `${name} was not scored`).toBeDefined();
      const got = Object.entries(score!.summary)
        .filter(([, n]) => n > 0)
        .map(([v, n]) => `${v}:${n}`)
        .join(' ');
      expect(
        score!.caught,
        `${name} (breaks ${defect.breaks.join(', ')}) not caught; verdicts ${got}`,
      ).toBe(true);
      for (const c of score!.catches) {
        expect(catchingVerdicts(defect).has(c.verdict)).toBe(true);
        expect(c.requirements.every((id) => defect.breaks.includes(id))).toBe(true);
      }
    },
  );

  it.each(DEFECTS.filter((d) => d.allowed === true).map((d) => [d.name] as const))(
    'never fails the allowed variation %s',
    (name) => {
      const score = scores.get(name);
      expect(score, `${name} was not scored`).toBeDefined();
      expect(score!.caught).toBe(false);
      expect(score!.unfair, `${name}: a FAIL or ERROR on what the protocol allows`).toEqual([]);
    },
  );
});

describe('the harness against the clean server', () => {
  it('gives nothing but PASS and INFORMATIONAL, run after run', async () => {
    const clean = await runClean(2);
    expect(clean.findings).toEqual([]);
  }, 120_000);
});
