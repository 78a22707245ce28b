/** The file every send_file of a run carries: pseudo-random bytes from the run's seed, as base64. */
import { seededRandom } from '../rng.js';
import type { FilePayload } from './context.js';

export function makePayload(sizeBytes: number, seed: number): FilePayload {
  const random = seededRandom(seed ^ 0x5f11e);
  const bytes = Buffer.allocUnsafe(sizeBytes);
  for (let i = 0; i < sizeBytes; i++) bytes[i] = Math.floor(random() * 256);
  return Object.freeze({ data: bytes.toString('base64'), sizeBytes });
}
