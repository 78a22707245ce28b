/** The file every send_file of a run carries: pseudo-random bytes from the run's seed, as base64. */
import { seededBytes } from '../../specs/seeded.js';
import type { FilePayload } from './context.js';

export function makePayload(sizeBytes: number, seed: number): FilePayload {
  const bytes = seededBytes(sizeBytes, seed ^ 0x5f11e);
  return Object.freeze({ data: bytes.toString('base64'), sizeBytes });
}
