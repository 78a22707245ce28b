/**
 * A scenario folded into another's finding of the same fault: the console gives it one line
 * naming that finding (its evidence is not repeated), junit.xml skips it, the summary line
 * counts it, and report.json keeps what it found.
 */
import { describe, expect, it } from 'vitest';
import { parseRunResult, renderConsole, renderJson, renderJunit } from '../../reports/index.js';
import { run, scenario } from './factory.js';

const folded = run([
  scenario('my_file/shape', 'FAIL', {
    group: 'MY_FILE',
    command: 'MY_FILE',
    requirements: ['MYFILE-1'],
    reason:
      'step 4 (my_file as b): the file list has the wrong shape; the same fault shows in 1 more scenario (my_file/two-peers), reported here once',
  }),
  scenario('my_file/two-peers', 'INFORMATIONAL', {
    group: 'MY_FILE',
    command: 'MY_FILE',
    requirements: ['MYFILE-1'],
    reason:
      'the same fault as my_file/shape, reported there: step 6 (my_file as b): the file list has the wrong shape',
    expected: 'EXPECTED-OF-THE-FOLDED-ONE',
    sameFaultAs: 'my_file/shape',
    ownVerdict: 'FAIL',
  }),
]);

describe('a scenario folded into the finding of the same fault', () => {
  it('takes one console line under its verdict line, without its evidence', () => {
    const text = renderConsole(folded, { color: false });
    const lines = text.split('\n');
    const at = lines.findIndex(
      (l) => l.includes('my_file/two-peers') && l.includes('INFORMATIONAL'),
    );
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]!.trim()).toMatch(/^the same fault as my_file\/shape, reported there: /);
    expect(text).not.toContain('EXPECTED-OF-THE-FOLDED-ONE');
    expect(text).toContain('1 the same fault as another, reported once');
  });

  it('is skipped in junit.xml, while the finding fails', () => {
    const xml = renderJunit(folded);
    const twoPeers = xml.slice(xml.indexOf('name="my_file/two-peers'));
    expect(twoPeers.slice(0, twoPeers.indexOf('</testcase>'))).toContain('<skipped');
    const shape = xml.slice(xml.indexOf('name="my_file/shape'));
    expect(shape.slice(0, shape.indexOf('</testcase>'))).toContain('<failure');
  });

  it('keeps sameFaultAs and ownVerdict through report.json', () => {
    const back = parseRunResult(renderJson(folded));
    expect(back.scenarios[1]).toMatchObject({ sameFaultAs: 'my_file/shape', ownVerdict: 'FAIL' });
  });
});
