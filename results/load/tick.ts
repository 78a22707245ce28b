/**
 * What a load run reports once a second while it runs: the progress display reads it, the
 * engine and its workers send it.
 */
export interface TickInfo {
  /** Since the engine started. */
  readonly elapsedMs: number;
  /** Replies and bytes read in the wall-clock second that just ended. */
  readonly requests: number;
  readonly bytes: number;
  /** Requests that failed without a reply since the previous tick. */
  readonly errors: number;
  /** Requests sent since the start. */
  readonly sent: number;
  /** Connections logged in and sending. */
  readonly ready: number;
}
