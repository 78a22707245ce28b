/**
 * The transcript of a scenario as a table: when, which connection, which way, how many bytes,
 * and the bytes themselves with CR, LF and every control character spelled out. Every
 * transcript on every page goes through `transcriptTable`. Passwords were masked before any
 * renderer saw the result (specs/secrets), so no page shows one.
 */
import type { TranscriptEntry } from '../../results/transcript.js';
import { html, wireHtml } from './escape.js';

const ARROWS: Readonly<Record<string, string>> = { sent: '→', received: '←', event: '·' };

export function transcriptTable(entries: readonly TranscriptEntry[]): string {
  if (entries.length === 0) return '<p class="note">No bytes were exchanged.</p>';
  const connections = new Set(entries.map((e) => e.connection));
  const showConnection = connections.size > 1;
  const rows = entries.map((entry) => {
    const dir = ARROWS[entry.direction] ?? '?';
    const text =
      entry.direction === 'event' ? html(entry.text) : `<pre>${wireHtml(entry.text)}</pre>`;
    return (
      `<tr class="d-${html(entry.direction)}"><td class="at">${entry.atMs.toFixed(1)} ms</td>` +
      (showConnection ? `<td class="mono">${html(entry.connection)}</td>` : '') +
      `<td class="dir" title="${html(entry.direction)}">${dir}</td>` +
      `<td class="num">${entry.direction === 'event' ? '' : `${entry.bytes} B`}</td>` +
      `<td>${text}</td></tr>`
    );
  });
  return (
    `<table class="transcript"><thead><tr><th>at</th>${showConnection ? '<th>connection</th>' : ''}` +
    `<th></th><th>bytes</th><th>data (→ sent, ← received; \\r \\n spelled out)</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
