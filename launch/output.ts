/**
 * What a launched server printed, as evidence: a bounded ring of timestamped lines per stream,
 * positions to cut out what a scenario caused (`mark()`, `linesSince()`), and a rate limit so a
 * server printing in a loop costs neither memory nor chatspec's time. Lines beyond the rate are
 * dropped and counted on the next line kept, so a reader sees that something is missing.
 */
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';

export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  /** Position in the whole output; `mark()` returns the next one. */
  readonly seq: number;
  /** Since the log was opened (the launch). */
  readonly sinceStartMs: number;
  readonly stream: OutputStream;
  readonly text: string;
  /** Lines dropped by the rate limit just before this one. */
  readonly droppedBefore: number;
}

/** A line without an end is cut here, so one endless line cannot fill the ring on its own. */
const MAX_LINE_CHARS = 4096;

export class OutputLog extends EventEmitter<{ line: [OutputLine] }> {
  readonly #maxBytes: number;
  readonly #maxBytesPerSec: number;
  readonly #startMs = Date.now();
  readonly #lines: OutputLine[] = [];
  #first = 0;
  #bytes = 0;
  #nextSeq = 0;
  #tokens: number;
  #refilledAtMs = this.#startMs;
  #dropped = 0;
  #droppedTotal = 0;
  #evicted = 0;
  readonly #partial = new Map<OutputStream, string>();
  readonly #decoders = new Map<OutputStream, StringDecoder>();

  constructor(maxBytes: number, maxBytesPerSec: number) {
    super();
    this.#maxBytes = maxBytes;
    this.#maxBytesPerSec = maxBytesPerSec;
    this.#tokens = maxBytesPerSec;
  }

  /** Lines dropped by the rate limit so far. */
  get droppedLines(): number {
    return this.#droppedTotal;
  }

  /** Lines that left the ring to make room. */
  get evictedLines(): number {
    return this.#evicted;
  }

  /** Feeds raw bytes from one stream. */
  write(stream: OutputStream, chunk: Buffer): void {
    let decoder = this.#decoders.get(stream);
    if (decoder === undefined) {
      decoder = new StringDecoder('utf8');
      this.#decoders.set(stream, decoder);
    }
    this.#take(stream, decoder.write(chunk));
  }

  /** The stream ended: a last line without a newline still counts. */
  end(stream: OutputStream): void {
    const rest = (this.#decoders.get(stream)?.end() ?? '') + (this.#partial.get(stream) ?? '');
    this.#partial.delete(stream);
    if (rest !== '') this.#add(stream, rest);
  }

  /** The position of the next line written. */
  mark(): number {
    return this.#nextSeq;
  }

  /** The lines written since `mark` that are still kept. */
  linesSince(mark: number): OutputLine[] {
    return this.#kept().filter((line) => line.seq >= mark);
  }

  /** The last `count` lines kept. */
  tail(count: number): OutputLine[] {
    const kept = this.#kept();
    return count <= 0 ? [] : kept.slice(-count);
  }

  #kept(): OutputLine[] {
    return this.#lines.slice(this.#first);
  }

  #take(stream: OutputStream, text: string): void {
    let pending = (this.#partial.get(stream) ?? '') + text;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      this.#add(stream, pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    while (pending.length > MAX_LINE_CHARS) {
      this.#add(stream, pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
    this.#partial.set(stream, pending);
  }

  #add(stream: OutputStream, text: string): void {
    const bytes = Buffer.byteLength(text) + 1;
    const nowMs = Date.now();
    this.#tokens = Math.min(
      this.#maxBytesPerSec,
      this.#tokens + ((nowMs - this.#refilledAtMs) / 1000) * this.#maxBytesPerSec,
    );
    this.#refilledAtMs = nowMs;
    if (bytes > this.#tokens) {
      this.#dropped++;
      this.#droppedTotal++;
      return;
    }
    this.#tokens -= bytes;
    const line: OutputLine = Object.freeze({
      seq: this.#nextSeq++,
      sinceStartMs: nowMs - this.#startMs,
      stream,
      text,
      droppedBefore: this.#dropped,
    });
    this.#dropped = 0;
    this.#lines.push(line);
    this.#bytes += bytes;
    while (this.#bytes > this.#maxBytes && this.#first < this.#lines.length - 1) {
      this.#bytes -= Buffer.byteLength(this.#lines[this.#first]!.text) + 1;
      this.#first++;
      this.#evicted++;
    }
    if (this.#first > 1024 && this.#first * 2 > this.#lines.length) {
      this.#lines.splice(0, this.#first);
      this.#first = 0;
    }
    this.emit('line', line);
  }
}

/** The last lines as one line of text, for an error message. */
export function lastLinesText(lines: readonly OutputLine[], maxChars = 300): string {
  const text = lines
    .map((line) => line.text.trim())
    .filter((line) => line !== '')
    .join(' | ');
  if (text === '') return 'it printed nothing';
  return `it printed: ${text.length > maxChars ? '…' + text.slice(-maxChars) : text}`;
}
