/**
 * A corpus case's bytes, produced in chunks so that a 100 MiB line streams through a
 * bounded buffer instead of being allocated whole.
 */
import { decodeBase64 } from '../../specs/index.js';
import type { CorpusSend } from './schema.js';

export const GENERATE_CHUNK_BYTES = 64 * 1024;

/** Fills a case's templates (`${a.token}`); base64 cases have none. */
export type Fill = (template: string) => string;

/** Total bytes a case sends. */
export function sendByteLength(send: CorpusSend, fill: Fill): number {
  if ('text' in send) return Buffer.byteLength(fill(send.text), send.encoding ?? 'utf8');
  if ('base64' in send) return decodeBase64(send.base64)?.length ?? 0;
  const g = send.generate;
  return (
    Buffer.byteLength(fill(g.before ?? '')) +
    Buffer.byteLength(g.repeat) * g.times +
    Buffer.byteLength(fill(g.after ?? ''))
  );
}

/** The bytes of a case that is small enough to hold (text, base64, or a generated case). */
export function sendBytes(send: CorpusSend, fill: Fill): Buffer {
  return Buffer.concat([...sendChunks(send, fill)]);
}

/** The bytes in order, in chunks of at most GENERATE_CHUNK_BYTES for generated cases. */
export function* sendChunks(send: CorpusSend, fill: Fill): Generator<Buffer> {
  if ('text' in send) {
    yield Buffer.from(fill(send.text), send.encoding ?? 'utf8');
    return;
  }
  if ('base64' in send) {
    yield decodeBase64(send.base64) ?? Buffer.alloc(0); // checked by the schema
    return;
  }
  const g = send.generate;
  if (g.before) yield Buffer.from(fill(g.before), 'utf8');
  const unit = Buffer.from(g.repeat, 'utf8');
  const perChunk = Math.max(1, Math.floor(GENERATE_CHUNK_BYTES / unit.length));
  // One chunk, reused: the repeat is the same bytes every time.
  const full = Buffer.alloc(unit.length * Math.min(perChunk, g.times), unit);
  let left = g.times;
  while (left > 0) {
    const n = Math.min(perChunk, left);
    yield n === perChunk ? full : full.subarray(0, n * unit.length);
    left -= n;
  }
  if (g.after) yield Buffer.from(fill(g.after), 'utf8');
}
