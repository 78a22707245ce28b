/* eslint-disable no-control-regex -- these tests are about control characters */
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../results/run.js';
import { renderProgress } from '../../reports/progress.js';
import { HOSTILE_TEXT, scenario } from './factory.js';

const ANSI = /\x1b\[[0-9;]*m/g;

describe('renderProgress', () => {
  it('shows how far the run is and what the last scenario got', () => {
    const line = renderProgress(12, 64, scenario('auth/wrong-password', 'FAIL'), { color: false });
    expect(line).toBe(
      '[12/64]  18%  FAIL           auth/wrong-password  title of auth/wrong-password',
    );
  });

  it('pads the counter so the line does not jitter as it grows', () => {
    const first = renderProgress(1, 100, scenario('a', 'PASS'), { color: false });
    const last = renderProgress(100, 100, scenario('a', 'PASS'), { color: false });
    expect(first.indexOf('PASS')).toBe(last.indexOf('PASS'));
  });

  it('never holds a line break and never exceeds columns - 1, whatever the id', () => {
    const long = scenario(`auth/${'x'.repeat(300)}`, 'UNIMPLEMENTED', { title: HOSTILE_TEXT });
    for (const columns of [20, 40, 80, 200]) {
      for (const color of [false, true]) {
        const line = renderProgress(7, 1000, long, { color, columns });
        const shown = line.replace(ANSI, '');
        expect(shown.length).toBeLessThanOrEqual(columns - 1);
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
    }
  });

  it('keeps to 79 columns by default', () => {
    const line = renderProgress(1, 2, scenario('a', 'PASS', { title: 'w'.repeat(500) }), {
      color: false,
    });
    expect(line.length).toBe(79);
    expect(line.endsWith('…')).toBe(true);
  });

  it('colours only the verdict, and only when asked', () => {
    for (const verdict of VERDICTS) {
      const last = scenario('auth/x', verdict);
      const plain = renderProgress(1, 2, last, { color: false });
      const coloured = renderProgress(1, 2, last, { color: true });
      expect(plain).not.toContain('\x1b');
      expect(coloured.replace(ANSI, '')).toBe(plain);
      expect(coloured).toContain(`m${verdict}\x1b[39m`);
    }
  });

  it('handles a run with no scenario planned', () => {
    expect(renderProgress(0, 0, scenario('a', 'PASS'), { color: false })).toMatch(/^\[0\/0\] 100%/);
  });
});
