/** A request a load connection has sent and not yet seen answered, and what it refers to. */
import type { CommandOp } from '../../results/load/ops.js';

/** A file this connection sent: what a later download_file may ask for. */
export type FileRef = { readonly peer: string; readonly filename: string };

/** One generation's messages of one kind; `seq` is the next message's. */
export type MessageStream = { readonly key: string; seq: number };

/**
 * A request in flight. Each connection reuses its own: at tens of thousands of connections an
 * object per request lives for a whole round trip, long enough to be promoted out of V8's
 * young generation, and the heap (and RSS) would grow with garbage.
 */
export class InFlight {
  op: CommandOp = 'auth';
  command = 0;
  sentAtMs = 0;
  intendedAtMs = 0;
  /** The login right after connecting, which the connection needs before anything else. */
  setup = false;
  /** Message ops: the stream and seq of the message. */
  streamKey: string | undefined = undefined;
  seq = 0;
  /** send_file: what a later download_file may ask for. */
  file: FileRef | undefined = undefined;
}

/** A connection's answered requests, kept for its next ones (see InFlight). */
export class InFlightPool {
  readonly #spare: InFlight[] = [];

  /** A spare entry for the next request, or a new one. */
  take(): InFlight {
    return this.#spare.pop() ?? new InFlight();
  }

  /** An answered request's entry, cleared of what it referred to. */
  give(entry: InFlight): void {
    entry.streamKey = undefined;
    entry.file = undefined;
    this.#spare.push(entry);
  }
}
