/** Small formatters shared by the renderers, so every report spells a figure the same way. */
import {
  VERDICTS,
  emptyCounts,
  type RunResult,
  type ScenarioResult,
  type VerdictCounts,
} from '../results/run.js';
import { paintVerdict } from './style.js';
import { visible } from './visible.js';

/** `61 PASS, 2 NON-STRICT, 1 FAIL`: verdicts in severity order, zero counts left out. */
export function formatCounts(counts: VerdictCounts, color: boolean): string {
  return VERDICTS.filter((verdict) => counts[verdict] > 0)
    .map((verdict) => paintVerdict(`${counts[verdict]} ${verdict}`, verdict, color))
    .join(', ');
}

export function countVerdicts(scenarios: readonly ScenarioResult[]): VerdictCounts {
  const counts = emptyCounts();
  for (const scenario of scenarios) counts[scenario.verdict]++;
  return counts;
}

/** `1.23 s`. */
export function formatSeconds(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(2)} s`;
}

/** `12.5 ms`, for transcript times. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** The target as a reader knows it: the address, and whether it was the embedded server. */
export function formatTarget(target: RunResult['target']): string {
  const address = visible(target.address);
  return target.embedded ? `${address} (embedded reference server)` : address;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
