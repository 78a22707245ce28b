import { describe, expect, it } from 'vitest';
import { renderTestHtml } from '../../../reports/html/test-report.js';
import { entry, run, scenario } from '../factory.js';

const HOSTILE = '<img src=x onerror=alert(1)></details></pre><script>alert(2)</script>\x1b[2J';

describe('renderTestHtml', () => {
  const result = run([
    scenario('auth/ok', 'PASS'),
    scenario('send/bad', 'FAIL', {
      group: 'SEND',
      command: 'SEND',
      requirements: ['SEND-1'],
      reason: `wrong reply ${HOSTILE}`,
      actual: HOSTILE,
      transcript: [entry('sent', 'send x y z \r\n'), entry('received', `${HOSTILE}\r\n\r\n`)],
      // A field a newer chatspec adds (the dialect rule that applied): shown, not dropped.
      ...({ dialectRule: 'token key: token_id' } as object),
    }),
  ]);
  const page = renderTestHtml(result);

  it('is one self-contained page: no external resource, a CSP that forbids fetching', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<(link|img|iframe)\b|src=["']?http|href=["']?http/i);
  });

  it('escapes everything the server sent', () => {
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('\x1b');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('holds the summary, requirements grouped by command, and each scenario with its transcript', () => {
    expect(page).toMatch(/id="count-FAIL"><div class="n">1</);
    expect(page).toMatch(/id="count-PASS"><div class="n">1</);
    expect(page).toContain('id="r-SEND-1"');
    expect(page).toMatch(/<tr class="grp"><th colspan="5">AUTH<\/th>[\s\S]*<th colspan="5">SEND</);
    expect(page).toMatch(
      /<details class="scenario" id="s-send_2fbad" data-verdict="FAIL" data-group="SEND">/,
    );
    expect(page).toContain('send x y z \\r\\n');
    expect(page).toContain('dialect rule');
    expect(page).toContain('token key: token_id');
  });
});
