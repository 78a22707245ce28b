/**
 * Replies on the wire: one JSON object followed by CRLF CRLF (FRAME-1). The encoder is what
 * servers write, byte for byte as the course's servers do (Python's json.dumps: ASCII only,
 * `", "` and `": "`); the decoder is what clients read with, incrementally and with a size cap
 * so that a hostile server cannot make a client buffer without limit.
 */
import { DelimitedDecoder } from './delimited-decoder.js';
import { pythonJsonDumps } from './python-json.js';

export const REPLY_TERMINATOR = '\r\n\r\n';
const TERMINATOR_BYTES = Buffer.from(REPLY_TERMINATOR);

/**
 * The texts of replies that cannot change: frozen objects whose values are all strings,
 * numbers, booleans or null (the model's "Message Sent" and error replies). Most replies
 * of a chat server are one of these, so each is encoded once; an entry lives as long as
 * its object.
 */
const CONSTANT_TEXTS = new WeakMap<object, string>();

function isConstant(reply: object): boolean {
  if (!Object.isFrozen(reply)) return false;
  for (const value of Object.values(reply)) {
    if (value !== null && typeof value === 'object') return false;
  }
  return true;
}

/** A reply's text on the wire, terminator included: ASCII only, so its UTF-8 is its bytes. */
export function encodeReplyText(reply: object): string {
  const known = CONSTANT_TEXTS.get(reply);
  if (known !== undefined) return known;
  const text = pythonJsonDumps(reply) + REPLY_TERMINATOR;
  if (isConstant(reply)) CONSTANT_TEXTS.set(reply, text);
  return text;
}

export function encodeReply(reply: object): Buffer {
  // ASCII only, so latin1 writes the same bytes as utf8, without utf8's encoding pass.
  return Buffer.from(encodeReplyText(reply), 'latin1');
}

export interface ReplyFrame {
  /** The reply's text without its terminator, exactly as received. */
  readonly text: string;
  readonly bytes: number;
}

export interface ReplyDecodeResult {
  readonly replies: ReplyFrame[];
  /** A reply grew past `maxReplyBytes` without a terminator. */
  readonly overflow: boolean;
}

export class ReplyDecoder {
  readonly #frames: DelimitedDecoder;
  readonly #maxReplyBytes: number;

  constructor(maxReplyBytes: number) {
    this.#frames = new DelimitedDecoder(TERMINATOR_BYTES, maxReplyBytes);
    this.#maxReplyBytes = maxReplyBytes;
  }

  /** Bytes of a reply whose terminator has not arrived yet. */
  get pendingBytes(): number {
    return this.#frames.pendingBytes;
  }

  push(chunk: Buffer): ReplyDecodeResult {
    // The usual chunk on a request/reply connection is exactly one whole reply: decoded in
    // place, without the general path's views and copies (a load generator reads hundreds
    // of thousands a second). The first terminator must be the chunk's end, so the result is
    // the one the general path gives.
    const end = chunk.length - TERMINATOR_BYTES.length;
    if (
      end >= 0 &&
      end <= this.#maxReplyBytes &&
      this.#frames.pendingBytes === 0 &&
      !this.#frames.overflowed &&
      chunk.indexOf(TERMINATOR_BYTES) === end
    ) {
      return { replies: [{ text: chunk.toString('utf8', 0, end), bytes: end }], overflow: false };
    }
    const { frames, overflow } = this.#frames.push(chunk);
    return {
      replies: frames.map((frame) => ({ text: frame.toString('utf8'), bytes: frame.length })),
      overflow,
    };
  }
}

export type JsonParseResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

/** Parses a reply's text; a reply must be a JSON object (FRAME-2). */
export function parseReplyJson(text: string): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'JSON, but not an object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
