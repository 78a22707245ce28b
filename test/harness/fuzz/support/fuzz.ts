/** Runs a campaign against a server on loopback, with the options a test cares about. */
import { tcpDialer } from '../../../../net/index.js';
import { runFuzz } from '../../../../harness/fuzz/engine.js';
import { resolveFuzzOptions, type FuzzOptionsInput } from '../../../../harness/fuzz/options.js';
import type { FuzzEvent, FuzzResult, StepRecord } from '../../../../results/fuzz.js';

export function fuzz(
  port: number,
  options: Omit<FuzzOptionsInput, 'target'>,
  onEvent?: (event: FuzzEvent) => void,
): Promise<FuzzResult> {
  return runFuzz(
    resolveFuzzOptions({ ...options, target: { dialer: tcpDialer('127.0.0.1', port) } }),
    onEvent,
  );
}

/** The request lines of a sequential failure, as printed. */
export function failingSteps(result: FuzzResult): readonly StepRecord[] {
  const detail = result.failure?.detail;
  if (detail?.kind !== 'sequential')
    throw new Error(`no sequential failure: ${JSON.stringify(result.failure)}`);
  return detail.steps;
}
