/** Helpers for running the load generator in tests: short, bounded runs through the public API. */
import {
  LoadRun,
  resolveLoadOptions,
  type LoadOptionsInput,
  type LoadOutcome,
} from '../../../load/index.js';

/** A short run against 127.0.0.1:`port`; defaults keep it well under a second. */
export function runLoad(
  port: number,
  options: Partial<Omit<LoadOptionsInput, 'host' | 'port'>> = {},
): Promise<LoadOutcome> {
  const resolved = resolveLoadOptions({
    host: '127.0.0.1',
    port,
    connections: 4,
    durationMs: 500,
    timeoutMs: 2000,
    seed: 7,
    ...options,
  });
  return new LoadRun(resolved).run();
}
