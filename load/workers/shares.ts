/** How a run is split over worker threads: connections, rate and amount in proportion. */
import type { EngineShare } from '../engine/engine.js';
import type { LoadOptions } from '../options.js';

/** Splits `total` into `parts` whole numbers that differ by at most one. */
function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

export function workerShares(options: LoadOptions): EngineShare[] {
  const n = options.workers;
  const connections = split(options.connections, n);
  const amounts = options.amount === undefined ? undefined : split(options.amount, n);
  let offset = 0;
  return connections.map((c, i) => {
    const share: EngineShare = {
      workerIndex: i + 1,
      connectionOffset: offset,
      connections: c,
      ratePerSec:
        options.ratePerSec === undefined
          ? undefined
          : (options.ratePerSec * c) / options.connections,
      amount: amounts?.[i],
    };
    offset += c;
    return share;
  });
}
