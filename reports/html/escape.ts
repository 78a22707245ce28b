/**
 * Everything a page shows may come from the server under test. Text goes into the page only
 * through these functions: markup characters become entities, and control or invisible
 * characters (NUL, ANSI escapes, bidi overrides, lone surrogates) are spelled out as
 * `visible()` does for the console, so a hostile reply can neither inject markup nor
 * disguise what it sent.
 */
import { visible, type VisibleMode } from '../visible.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Markup characters as entities; nothing else changed. For text already made visible. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Untrusted text for an HTML text node or a quoted attribute value, on one line. */
export function html(text: string, mode: VisibleMode = 'prose'): string {
  return escapeMarkup(visible(text, mode));
}

/**
 * Bytes as they crossed the wire, for a `<pre>`: CR and LF are spelled out (`\r\n`) and a
 * real line break follows each LF, so the framing is visible and long replies still wrap.
 */
export function wireHtml(text: string): string {
  return text
    .split('\n')
    .map((line, i, lines) => html(i < lines.length - 1 ? `${line}\n` : line, 'wire'))
    .join('\n');
}

/** A value for an `id` or `data-` attribute: only characters that need no escaping. */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}

/** Data for an inline `<script type="application/json">`: `<` escaped so `</script>` cannot close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
