/**
 * Server side: turns received bytes into request lines. LF ends a line, and a CR right
 * before it is dropped, so CRLF and a bare LF both work (FRAME-6). Lines are decoded as
 * UTF-8 only once complete, so a multi-byte character split across packets survives.
 */
import { DelimitedDecoder } from './delimited-decoder.js';

const LF = Buffer.from('\n');

export interface LineDecodeResult {
  readonly lines: string[];
  /** A line exceeded `maxLineBytes`; the connection should get an error and be closed. */
  readonly overflow: boolean;
}

export class LineDecoder {
  readonly #frames: DelimitedDecoder;
  readonly #maxLineBytes: number;
  #overflowed = false;

  constructor(maxLineBytes: number) {
    // One more byte than the limit so a line of exactly maxLineBytes plus its CR fits; a
    // line of maxLineBytes + 1 without a CR is caught when its LF arrives.
    this.#frames = new DelimitedDecoder(LF, maxLineBytes + 1);
    this.#maxLineBytes = maxLineBytes;
  }

  /** Bytes held for a line whose LF has not arrived yet: at most maxLineBytes + 1. */
  get pendingBytes(): number {
    return this.#frames.pendingBytes;
  }

  push(chunk: Buffer): LineDecodeResult {
    if (this.#overflowed) return { lines: [], overflow: true };
    // The usual chunk from a client that waits for each reply is exactly one whole line:
    // decoded in place, without the general path's frame views (a server under load reads
    // tens of thousands a second). Its only LF must be its last byte, so the result is the
    // one the general path gives.
    const last = chunk.length - 1;
    if (
      last >= 0 &&
      this.#frames.pendingBytes === 0 &&
      !this.#frames.overflowed &&
      chunk.indexOf(0x0a) === last
    ) {
      const end = last > 0 && chunk[last - 1] === 0x0d ? last - 1 : last;
      if (end > this.#maxLineBytes) {
        this.#overflowed = true;
        return { lines: [], overflow: true };
      }
      // An array made with its one item, not grown by a push to room for seventeen.
      return { lines: [chunk.toString('utf8', 0, end)], overflow: false };
    }
    const lines: string[] = [];
    const { frames, overflow } = this.#frames.push(chunk);
    for (const frame of frames) {
      const end =
        frame.length > 0 && frame[frame.length - 1] === 0x0d ? frame.length - 1 : frame.length;
      if (end > this.#maxLineBytes) {
        this.#overflowed = true;
        return { lines, overflow: true };
      }
      lines.push(frame.toString('utf8', 0, end));
    }
    this.#overflowed = overflow;
    return { lines, overflow };
  }
}
