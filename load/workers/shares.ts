/** How a process's share of the run is split over worker threads (see load/shard.ts). */
import type { EngineShare } from '../engine/engine.js';
import type { LoadOptions } from '../options.js';
import { divideShare, processShare } from '../shard.js';

export function workerShares(options: LoadOptions): EngineShare[] {
  return divideShare(options, processShare(options), options.workers).map((share, i) => ({
    ...share,
    workerIndex: i + 1,
  }));
}
