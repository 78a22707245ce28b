import { describe, expect, it } from 'vitest';
import { html, scriptJson, slug, wireHtml } from '../../../reports/html/escape.js';

describe('HTML escaping of untrusted text', () => {
  it('turns markup into entities and control characters into visible escapes', () => {
    expect(html('<script>alert("x")</script>&\'')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    );
    expect(html('a\x00b\x1b[31mc\u202ed')).toBe('a\\x00b\\x1b[31mc\\u202ed');
    expect(html('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
  });

  it('shows wire bytes with CR and LF spelled out and a real break after each LF', () => {
    expect(wireHtml('{"a":"<b>"}\r\n\r\n')).toBe(
      '{&quot;a&quot;:&quot;&lt;b&gt;&quot;}\\r\\n\n\\r\\n\n',
    );
    // A backslash the server sent is doubled, so `\r` as two characters never reads as CR.
    expect(wireHtml('a\\r')).toBe('a\\\\r');
  });

  it('makes ids and script data safe', () => {
    expect(slug('auth/wrong "x"')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(slug('a/b')).not.toBe(slug('a_b'));
    expect(scriptJson({ t: '</script><script>' })).not.toContain('</script>');
  });
});
