/** What the protocol pane and `--json` show of the wire: plain data, shared with the page. */

/** How an exchange ended: a reply, or why not (ChatConnection's outcomes, or not sent at all). */
export type WireOutcome =
  'reply' | 'timeout' | 'closed' | 'overflow' | 'error' | 'not-connected' | 'refused';

/** One request line and what came back, for the protocol pane and `--json`. */
export interface WireExchange {
  readonly kind: 'exchange';
  readonly seq: number;
  /** The command (`AUTH`), or `raw` for a line typed by hand. */
  readonly label: string;
  /** Wall-clock time the line was sent (ms since the epoch). */
  readonly sentAtMs: number;
  readonly elapsedMs: number;
  /** The line exactly as sent, line end included; passwords masked (specs/secrets). */
  readonly sent: string;
  readonly sentBytes: number;
  /** The reply exactly as received, terminator included, when one came; passwords masked. */
  readonly received?: string;
  readonly receivedBytes: number;
  readonly outcome: WireOutcome;
  /** Why there is no usable reply, in one line. */
  readonly problem?: string;
  /** Sent by the client on its own (inbox polling, a login after a reconnect). */
  readonly background: boolean;
}

/** Something that happened to the connection itself. */
export interface WireEvent {
  readonly kind: 'event';
  readonly seq: number;
  readonly atMs: number;
  readonly text: string;
}

export type WireRecord = WireExchange | WireEvent;
