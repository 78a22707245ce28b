import { describe, expect, it } from 'vitest';
import { markdownText, renderMarkdown } from '../../reports/markdown.js';
import { run, scenario } from './factory.js';

describe('renderMarkdown', () => {
  it('summarises a clean run in a heading, one line of score and the verdict table', () => {
    const text = renderMarkdown(run([scenario('auth/ok', 'PASS')]));
    expect(text).toMatch(/^## ✅ /);
    expect(text).toContain('| PASS | INFORMATIONAL | NON-STRICT | UNIMPLEMENTED | FAIL | ERROR |');
    expect(text).toContain('| 1 | 0 | 0 | 0 | 0 | 0 |');
    expect(text).not.toContain('Requirements not met');
  });

  it('lists requirements not met and the failing scenarios first, escaped', () => {
    const text = renderMarkdown(
      run([
        scenario('auth/nonstrict', 'NON-STRICT'),
        scenario('send/bad', 'FAIL', {
          group: 'SEND',
          requirements: ['SEND-1'],
          actual: '| <script>x</script> **bold** \r\n',
        }),
      ]),
    );
    expect(text).toMatch(/^## ❌ /);
    expect(text).toContain('### Requirements not met');
    expect(text).toMatch(/\| SEND-1 \| MUST \| FAIL \|/);
    const rows = text
      .split('\n')
      .filter((l) => l.startsWith('| FAIL') || l.startsWith('| NON-STRICT'));
    expect(rows[0]).toMatch(/^\| FAIL \| send\/bad/);
    expect(text).toContain('\\| &lt;script&gt;x&lt;/script&gt; \\*\\*bold\\*\\* \\\\r\\\\n');
    expect(text).not.toContain('<script>');
  });

  it('keeps a cell on one line and bounded', () => {
    // The backslash of the visible escape is itself escaped, so Markdown renders `a\nb|c`.
    expect(markdownText('a\nb|c')).toBe('a\\\\nb\\|c');
    expect(markdownText('x'.repeat(1000)).length).toBeLessThan(400);
  });
});
