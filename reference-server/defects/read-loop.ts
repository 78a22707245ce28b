/**
 * The course template's connection loop, byte for byte:
 *
 *   rcv = ""
 *   while True:
 *       data = self.connection.recv(32)
 *       if data:
 *           rcv = rcv + data.decode()
 *           if rcv[-2:] == '\r\n':
 *               ... proses(rcv) ...; rcv = ""
 *
 * So a request is the whole buffer at the first read that ends with CRLF: a bare LF never
 * ends one (its bytes stay in the buffer and join the next request), several requests in
 * one read are one request (the first command runs, the rest becomes its extra tokens), and
 * a multi-byte character cut by a read boundary raises UnicodeDecodeError, which ends the
 * connection's thread: nothing more is answered, and the socket stays open.
 *
 * A read is modelled as up to 32 bytes of what one 'data' event delivered (what recv(32)
 * returns when that much is waiting). Two differences from the template, both so that the
 * reference server stays bounded: the buffer is capped at the server's maxLineBytes (past
 * it the server answers "Request Terlalu Panjang" and closes, where the template grows
 * without limit), and a dead handler's bytes are read and dropped rather than left to fill
 * the socket's receive buffer (the client sees the same silence).
 */
import { isUtf8 } from 'node:buffer';
import type { LineSplitter } from './defect.js';

/** `recv(32)`: the template's read size. */
export const TEMPLATE_READ_BYTES = 32;

const CR = 0x0d;
const LF = 0x0a;

export class TemplateReadLoop implements LineSplitter {
  readonly #maxLineBytes: number;
  #parts: Buffer[] = [];
  #bytes = 0;
  /** The buffer's last byte, for a 1-byte read that completes a CRLF. */
  #lastByte = -1;
  #dead = false;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  get pendingBytes(): number {
    return this.#bytes;
  }

  /** Whether the connection's handler has died (a read that was not valid UTF-8 by itself). */
  get dead(): boolean {
    return this.#dead;
  }

  push(chunk: Buffer): { readonly lines: string[]; readonly overflow: boolean } {
    const lines: string[] = [];
    if (this.#dead) return { lines, overflow: false };
    let start = 0; // where the current request's bytes begin inside this chunk
    for (let at = 0; at < chunk.length; at += TEMPLATE_READ_BYTES) {
      const end = Math.min(at + TEMPLATE_READ_BYTES, chunk.length);
      const read = chunk.subarray(at, end);
      if (!isUtf8(read)) {
        this.#dead = true;
        this.#parts = [];
        this.#bytes = 0;
        return { lines, overflow: false };
      }
      const previous = read.length >= 2 ? read[read.length - 2] : this.#lastByte;
      this.#lastByte = read[read.length - 1]!;
      if (previous === CR && this.#lastByte === LF) {
        this.#parts.push(chunk.subarray(start, end));
        lines.push(Buffer.concat(this.#parts).toString('utf8'));
        this.#parts = [];
        this.#bytes = 0;
        this.#lastByte = -1;
        start = end;
      } else if (this.#bytes + (end - start) > this.#maxLineBytes) {
        return { lines, overflow: true };
      }
    }
    if (start < chunk.length) {
      // Copied: a subarray would keep the whole (up to 64 KiB) chunk alive.
      const rest = Buffer.from(chunk.subarray(start));
      this.#parts.push(rest);
      this.#bytes += rest.length;
    }
    return { lines, overflow: false };
  }
}
