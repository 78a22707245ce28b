/* eslint-disable no-control-regex -- these tests are about control characters */
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../specs/index.js';
import { renderRequirementsSection } from '../../reports/console-requirements.js';
import { everyVerdict, run, scenario } from './factory.js';

describe('renderRequirementsSection', () => {
  it('lists requirements MUST first, each with its verdict, and the text of those broken', () => {
    const scenarios = [
      scenario('framing/lf', 'PASS', { group: 'FRAMING', requirements: ['FRAME-6'] }),
      scenario('general/upper', 'INFORMATIONAL', { group: 'GENERAL', requirements: ['PROTO-4'] }),
      scenario('auth/ok', 'PASS', { requirements: ['AUTH-3'] }),
      scenario('auth/wrong-password', 'FAIL', { requirements: ['AUTH-3'] }),
    ];
    const report = renderRequirementsSection(run(scenarios), false).join('\n');
    expect(report.startsWith('Requirements (3)\n')).toBe(true);
    const section = report;
    const must = section.indexOf('MUST (1)');
    const should = section.indexOf('SHOULD (1)');
    const may = section.indexOf('MAY (1)');
    expect(must).toBeGreaterThan(0);
    expect(should).toBeGreaterThan(must);
    expect(may).toBeGreaterThan(should);
    expect(section).toMatch(/AUTH-3 +FAIL/);
    expect(section).toMatch(/FRAME-6 +PASS/);
    expect(section).toMatch(/PROTO-4 +INFORMATIONAL/);
    // The broken requirement's text, and only the scenario that broke it.
    expect(section).toContain(
      'FAIL AUTH-3 (MUST): auth with a wrong password answers ERROR; its text SHOULD be "Password Salah". [auth/wrong-password]',
    );
    expect(section).not.toMatch(/Not met:[\s\S]*FRAME-6/);
  });

  it('keeps the requirements grid within 80 columns', () => {
    const scenarios = everyVerdict();
    const report = renderRequirementsSection(run(scenarios), false).join('\n');
    const grid = report.split('\n').filter((l) => /^ {4}[A-Z]+-\d+ /.test(l) && !l.includes('):'));
    expect(grid.length).toBeGreaterThan(0);
    for (const line of grid) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('lists missed SHOULDs as not met, and leaves out what could not be checked', () => {
    const lines = renderRequirementsSection(run(everyVerdict()), false);
    const notMet = lines.slice(lines.indexOf('  Not met:') + 1);
    expect(notMet.map((line) => line.trim().split(/ +/).slice(0, 2).join(' '))).toEqual([
      'FAIL AUTH-3',
      'NON-STRICT SEND-1',
    ]);
  });

  it('lists untested requirements on wrapped lines, outside the grid', () => {
    const result = run([scenario('auth/ok', 'PASS', { requirements: ['AUTH-1'] })]);
    const all = REQUIREMENTS.map((req) => ({
      id: req.id,
      level: req.level,
      text: req.text,
      verdict: req.id === 'AUTH-1' ? ('PASS' as const) : ('UNTESTED' as const),
      scenarios: req.id === 'AUTH-1' ? ['auth/ok'] : [],
    }));
    const lines = renderRequirementsSection({ ...result, requirements: all }, false);
    const mustCount = REQUIREMENTS.filter((r) => r.level === 'MUST').length;
    expect(lines).toContain('    AUTH-1 PASS');
    const untestedMust = lines.find((l) =>
      l.startsWith(`    UNTESTED (${mustCount - 1}): FRAME-1 `),
    );
    expect(untestedMust).toBeDefined();
    for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(80);
    // Every untested id appears exactly once.
    const listed = lines.join(' ').split(/\s+/);
    for (const req of all.filter((r) => r.verdict === 'UNTESTED')) {
      expect(listed.filter((word) => word === req.id)).toHaveLength(1);
    }
  });

  it('is empty when the run has no requirement results', () => {
    expect(renderRequirementsSection(run([]), false)).toEqual([]);
  });

  it('colours each verdict and changes nothing else', () => {
    const result = run(everyVerdict());
    const plain = renderRequirementsSection(result, false).join('\n');
    const coloured = renderRequirementsSection(result, true).join('\n');
    expect(plain).not.toContain('\x1b');
    expect(coloured).toContain('\x1b[31mFAIL\x1b[39m');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });
});
