/**
 * Incremental splitting of a byte stream on a delimiter, shared by the request-line decoder
 * (delimiter LF) and the reply decoder (delimiter CRLF CRLF). Bytes may arrive one at a
 * time or many frames at once. Work is linear in the bytes received: a frame's pieces are
 * kept as a list and joined once, and each byte is searched at most once (plus the
 * delimiter's length for a delimiter split across chunks). Memory is bounded by
 * `maxFrameBytes` (plus at most the delimiter's length less one, for a delimiter that may
 * be arriving): past it the decoder stops buffering and reports an overflow. Whether a
 * frame overflows depends only on its length, never on how the stream was chunked.
 */

export interface DecodeResult {
  /** Complete frames, without their delimiter, in arrival order. */
  readonly frames: Buffer[];
  /**
   * Set once a frame grew past `maxFrameBytes` before its delimiter arrived. The decoder
   * has dropped that frame's bytes and accepts nothing more: the stream is unusable.
   */
  readonly overflow: boolean;
}

export class DelimitedDecoder {
  readonly #delimiter: Buffer;
  readonly #maxFrameBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #overflowed = false;

  constructor(delimiter: Buffer, maxFrameBytes: number) {
    if (delimiter.length === 0) throw new RangeError('delimiter must not be empty');
    if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1) {
      throw new RangeError(`maxFrameBytes must be a positive integer, got ${maxFrameBytes}`);
    }
    this.#delimiter = delimiter;
    this.#maxFrameBytes = maxFrameBytes;
  }

  /**
   * Bytes held for a frame whose delimiter has not arrived yet: at most `maxFrameBytes` plus
   * the delimiter's length less one.
   */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  get overflowed(): boolean {
    return this.#overflowed;
  }

  push(chunk: Buffer): DecodeResult {
    const frames: Buffer[] = [];
    if (this.#overflowed) return { frames, overflow: true };
    const delim = this.#delimiter;
    let start = 0;
    while (start < chunk.length) {
      // A delimiter may begin in the pending bytes and end in this chunk: search from a
      // little before the chunk's start, over a small joined window.
      if (start === 0 && this.#pendingBytes > 0 && delim.length > 1) {
        const carried = this.#tailOfPending(delim.length - 1);
        const window = Buffer.concat([carried, chunk.subarray(0, delim.length - 1)]);
        const at = window.indexOf(delim);
        if (at !== -1) {
          const endInChunk = at + delim.length - carried.length;
          const frameBytesInPending = this.#pendingBytes - (carried.length - at);
          if (frameBytesInPending > this.#maxFrameBytes) return this.#overflow(frames);
          frames.push(this.#takePending(frameBytesInPending));
          start = endInChunk;
          continue;
        }
      }
      const at = chunk.indexOf(delim, start);
      if (at === -1) {
        const rest = chunk.length - start;
        // The last bytes may be the start of a delimiter: they are not frame bytes yet, so a
        // frame of exactly maxFrameBytes is accepted however the stream is chunked.
        const frameBytes = this.#pendingBytes + rest - this.#partialDelimiterAtEnd(chunk, start);
        if (frameBytes > this.#maxFrameBytes) return this.#overflow(frames);
        this.#pending.push(chunk.subarray(start));
        this.#pendingBytes += rest;
        break;
      }
      if (this.#pendingBytes + (at - start) > this.#maxFrameBytes) return this.#overflow(frames);
      const piece = chunk.subarray(start, at);
      if (this.#pendingBytes === 0) {
        frames.push(piece);
      } else {
        this.#pending.push(piece);
        frames.push(Buffer.concat(this.#pending, this.#pendingBytes + piece.length));
        this.#pending = [];
        this.#pendingBytes = 0;
      }
      start = at + delim.length;
    }
    return { frames, overflow: false };
  }

  #overflow(frames: Buffer[]): DecodeResult {
    this.#overflowed = true;
    this.#pending = [];
    this.#pendingBytes = 0;
    return { frames, overflow: true };
  }

  /** Length of the longest proper prefix of the delimiter that the held bytes end with. */
  #partialDelimiterAtEnd(chunk: Buffer, start: number): number {
    const delim = this.#delimiter;
    if (delim.length === 1) return 0;
    const fromChunk = chunk.subarray(Math.max(start, chunk.length - (delim.length - 1)));
    const tail =
      fromChunk.length >= delim.length - 1
        ? fromChunk
        : Buffer.concat([this.#tailOfPending(delim.length - 1 - fromChunk.length), fromChunk]);
    for (let k = Math.min(delim.length - 1, tail.length); k > 0; k--) {
      if (tail.subarray(tail.length - k).equals(delim.subarray(0, k))) return k;
    }
    return 0;
  }

  /** The last `n` pending bytes (fewer if fewer are pending), copying only those. */
  #tailOfPending(n: number): Buffer {
    const parts: Buffer[] = [];
    let need = Math.min(n, this.#pendingBytes);
    for (let i = this.#pending.length - 1; i >= 0 && need > 0; i--) {
      const piece = this.#pending[i]!;
      const take = Math.min(need, piece.length);
      parts.unshift(piece.subarray(piece.length - take));
      need -= take;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Removes the first `n` pending bytes as one frame and discards the rest. */
  #takePending(n: number): Buffer {
    const all = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    return all.subarray(0, n);
  }
}
