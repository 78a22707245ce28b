import { describe, expect, it } from 'vitest';
import {
  buildMatrix,
  csvField,
  renderMatrixCsv,
  renderMatrixHtml,
  renderMatrixMarkdown,
} from '../../../reports/matrix/index.js';
import { run, scenario } from '../factory.js';

const clean = run([
  scenario('auth/ok', 'PASS'),
  scenario('send/ok', 'PASS', { group: 'SEND', requirements: ['SEND-1'] }),
]);
const broken = run([
  scenario('auth/ok', 'PASS'),
  scenario('send/bad', 'FAIL', { group: 'SEND', requirements: ['SEND-1'] }),
]);

describe('the class matrix', () => {
  const matrix = buildMatrix([
    {
      name: 'alice',
      address: '127.0.0.1:1',
      result: clean,
      reportHref: 'servers/01-alice/report.html',
    },
    { name: '=HYPERLINK("x")', address: '127.0.0.1:2', result: broken },
    { name: 'gone', address: '127.0.0.1:3', error: 'unreachable' },
  ]);

  it('has a row per requirement grouped by command and a cell per server', () => {
    expect(matrix.groups.map((g) => g.group)).toEqual(['AUTH', 'SEND']);
    const send1 = matrix.groups[1]!.rows[0]!;
    expect(send1.id).toBe('SEND-1');
    expect(send1.cells).toEqual(['PASS', 'FAIL', 'ERROR']);
    expect(matrix.servers.map((s) => s.failed)).toEqual([false, true, true]);
    expect(matrix.servers[0]!.score).toMatchObject({ mustMet: 2, mustTotal: 2 });
    expect(matrix.servers[1]!.score).toMatchObject({ mustMet: 1, mustTotal: 2 });
  });

  it('writes CSV for a grade book: one row per server, formulas defused', () => {
    const lines = renderMatrixCsv(matrix).split('\r\n');
    expect(lines[0]).toMatch(/^server,address,must_met,must_total,.*,problem,AUTH-1,SEND-1$/);
    expect(lines[1]).toMatch(/^alice,127\.0\.0\.1:1,2,2,/);
    expect(lines[2]!.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(lines[3]).toMatch(/^gone,.*unreachable,ERROR,ERROR$/);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(-3)).toBe('-3');
  });

  it('links each cell of the HTML matrix to the requirement in that server’s report', () => {
    const page = renderMatrixHtml(matrix);
    expect(page).toContain('href="servers/01-alice/report.html#r-SEND-1"');
    expect(page).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(renderMatrixMarkdown(matrix)).toContain('| SEND-1 | MUST | PASS | FAIL | ERROR |');
  });
});
