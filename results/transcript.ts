/**
 * The evidence of an exchange: every byte sent and received, in order, with times. Large
 * payloads (a 1 MiB file) are kept as a head and a tail with the count of bytes between, so a
 * report stays readable and bounded while still showing exactly what framed the data.
 */

export type Direction = 'sent' | 'received' | 'event';

export interface TranscriptEntry {
  readonly direction: Direction;
  /** Milliseconds since the connection opened. */
  readonly atMs: number;
  /** Which connection, when a scenario uses several. */
  readonly connection: string;
  /** The bytes as text (UTF-8, invalid sequences replaced), possibly elided in the middle. */
  readonly text: string;
  readonly bytes: number;
}

/** Bytes of one entry kept at each end; the middle of a longer entry is elided. */
export const TRANSCRIPT_KEEP_BYTES = 2048;
/** Entries kept per transcript; a chatty server cannot grow a report without limit. */
export const TRANSCRIPT_MAX_ENTRIES = 2000;

export function elide(bytes: Buffer): string {
  if (bytes.length <= 2 * TRANSCRIPT_KEEP_BYTES) return bytes.toString('utf8');
  const head = bytes.subarray(0, TRANSCRIPT_KEEP_BYTES).toString('utf8');
  const tail = bytes.subarray(bytes.length - TRANSCRIPT_KEEP_BYTES).toString('utf8');
  return `${head}…[${bytes.length - 2 * TRANSCRIPT_KEEP_BYTES} bytes elided]…${tail}`;
}

export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  #dropped = 0;
  readonly #startedAt = performance.now();

  record(direction: Direction, connection: string, bytes: Buffer | string): void {
    if (this.entries.length >= TRANSCRIPT_MAX_ENTRIES) {
      this.#dropped++;
      return;
    }
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    this.entries.push({
      direction,
      atMs: Math.round((performance.now() - this.#startedAt) * 10) / 10,
      connection,
      text: direction === 'event' ? buf.toString('utf8') : elide(buf),
      bytes: buf.length,
    });
  }

  /** Entries that did not fit under TRANSCRIPT_MAX_ENTRIES. */
  get dropped(): number {
    return this.#dropped;
  }
}
