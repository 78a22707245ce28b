/**
 * Every request line and reply exactly as they went over the wire, with timing, like a
 * browser's network tab. Control characters are shown as escapes (\r\n), so the framing a
 * server relies on is visible; an AUTH password is masked by the bridge.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WireRecord } from '../bridge/protocol.js';
import { clock, visible } from './format.js';

interface Props {
  records: readonly WireRecord[];
}

export function ProtocolPane({ records }: Props) {
  const [showPolls, setShowPolls] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const shown = records.filter(
    (r) =>
      showPolls ||
      r.kind === 'event' ||
      !r.background ||
      r.outcome !== 'reply' ||
      !isEmptyInbox(r.received),
  );
  useEffect(() => {
    if (list.current !== null) list.current.scrollTop = list.current.scrollHeight;
  }, [shown.length]);
  return (
    <aside class="protocol" data-testid="protocol-pane" aria-label="Protocol">
      <header>
        <h2>Protocol</h2>
        <label class="muted">
          <input
            type="checkbox"
            checked={showPolls}
            onChange={(e) => setShowPolls(e.currentTarget.checked)}
          />{' '}
          empty inbox polls
        </label>
      </header>
      <ol ref={list}>
        {shown.map((r) =>
          r.kind === 'event' ? (
            <li key={r.seq} class="wire-event" data-testid="wire-event">
              <time>{clock(r.atMs)}</time> {r.text}
            </li>
          ) : (
            <li
              key={r.seq}
              class={r.outcome === 'reply' ? 'wire' : 'wire failed'}
              data-testid="wire-exchange"
            >
              <div class="wire-head">
                <span class="label">{r.label}</span>
                {r.background && <span class="tag">background</span>}
                <time>{clock(r.sentAtMs)}</time>
                <span class="ms">{r.elapsedMs} ms</span>
                <span class="muted">
                  {r.sentBytes} B → {r.receivedBytes} B
                </span>
              </div>
              <pre class="sent" data-testid="wire-sent">
                {visible(r.sent)}
              </pre>
              {r.received !== undefined && (
                <pre class="received" data-testid="wire-received">
                  {visible(r.received)}
                </pre>
              )}
              {r.problem !== undefined && <p class="error">{r.problem}</p>}
            </li>
          ),
        )}
      </ol>
    </aside>
  );
}

function isEmptyInbox(received: string | undefined): boolean {
  if (received === undefined) return false;
  try {
    const reply = JSON.parse(received) as { messages?: unknown };
    return (
      reply.messages !== null &&
      typeof reply.messages === 'object' &&
      Object.values(reply.messages as Record<string, unknown>).every(
        (v) => Array.isArray(v) && v.length === 0,
      )
    );
  } catch {
    return false;
  }
}
