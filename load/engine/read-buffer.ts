/**
 * Reads straight into one buffer that every socket of this thread shares (Node's `onread`),
 * instead of a fresh Buffer per read pushed through the socket's Readable stream. Per reply
 * that saves a native allocation and free of Node's read buffer, a Buffer object, and the
 * stream's push and 'data' event: a share of the generator's time a hand-written client
 * pays too, but the generator, which does more per reply, feels it more. Sharing is safe
 * because a read's callback runs to its end before the next socket is read; whatever must
 * outlive the callback is copied (`ownedChunk`).
 */
import { REPLY_TERMINATOR } from '../../specs/codec/reply-framing.js';

/** As large as the read Node would allocate by itself: one read takes what is there. */
const READ_BUFFER_BYTES = 64 * 1024;

let shared: Buffer | undefined;

/** The buffer every socket of this thread reads into. */
export function sharedReadBuffer(): Buffer {
  shared ??= Buffer.allocUnsafe(READ_BUFFER_BYTES);
  return shared;
}

const TERMINATOR = Buffer.from(REPLY_TERMINATOR);

/**
 * `view` (valid only until the next read) as a chunk a reply decoder may keep. A decoder
 * holds bytes only of a reply whose terminator has not arrived: when it holds none and the
 * view ends with a terminator, the view is decoded whole and can be passed as it is (the
 * usual case: one whole reply per read). Otherwise it gets a copy.
 */
export function ownedChunk(view: Buffer, decoderPendingBytes: number): Buffer {
  const n = view.length;
  const t = TERMINATOR.length;
  if (decoderPendingBytes === 0 && n >= t) {
    let whole = true;
    for (let i = 0; i < t; i++) {
      if (view[n - t + i] !== TERMINATOR[i]) {
        whole = false;
        break;
      }
    }
    if (whole) return view;
  }
  return Buffer.from(view);
}
