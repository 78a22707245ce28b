/**
 * The evidence under a verdict other than PASS, in one shape for every renderer: why, what
 * was expected and what came instead, then the last exchanges on the wire. Every field is
 * bounded, so a server that answers with a megabyte cannot flood a terminal or a CI log.
 */
import type { TranscriptEntry } from '../results/transcript.js';
import type { ScenarioResult } from '../results/run.js';
import { formatMs } from './format.js';
import { visibleBounded } from './visible.js';

export interface EvidenceLimits {
  /** Transcript entries shown, counted from the end. */
  readonly maxTranscriptEntries: number;
  /** Characters of the reason, the expected and the actual text. */
  readonly maxFieldChars: number;
  /** Characters of one transcript entry (after escaping). */
  readonly maxEntryChars: number;
  /** Whether each transcript heading explains the arrows (a report that explains them once does not). */
  readonly legend: boolean;
  /** Lines of a launched server's output shown, counted from the end. */
  readonly maxServerLines: number;
}

export const TRANSCRIPT_LEGEND = '→ sent, ← received, · event';

export const CONSOLE_EVIDENCE: EvidenceLimits = Object.freeze({
  maxTranscriptEntries: 6,
  maxFieldChars: 300,
  maxEntryChars: 160,
  legend: false,
  maxServerLines: 8,
});

/** CI logs are read after the fact, with no terminal to rerun in: show more. */
export const JUNIT_EVIDENCE: EvidenceLimits = Object.freeze({
  maxTranscriptEntries: 20,
  maxFieldChars: 2000,
  maxEntryChars: 1000,
  legend: true,
  maxServerLines: 60,
});

const NOT_RUN: Readonly<Record<NonNullable<ScenarioResult['notRun']>, string>> = {
  fixture: "the fixture's users and groups cannot fill its roles",
  unsupported: 'not checkable: it needs a command the server lacks',
  blocked: 'not checkable: it could not be set up, for a fault another scenario reports',
  unreachable: 'the server had stopped answering earlier in the run',
  aborted: 'the run was interrupted',
};

/** `reason:`, `expected:`, `actual:` lines, labels aligned. */
export function verdictLines(scenario: ScenarioResult, limits: EvidenceLimits): string[] {
  const field = (text: string): string => visibleBounded(text, limits.maxFieldChars);
  // The harness's reasons usually name their step already ("step 2 (auth): …").
  const step =
    scenario.step === undefined || new RegExp(`\\bstep ${scenario.step}\\b`).test(scenario.reason)
      ? ''
      : ` (at step ${scenario.step})`;
  const lines = [`reason:   ${field(scenario.reason)}${step}`];
  if (scenario.notRun !== undefined) lines.push(`not run:  ${NOT_RUN[scenario.notRun]}`);
  if (scenario.expected !== undefined) lines.push(`expected: ${field(scenario.expected)}`);
  if (scenario.actual !== undefined) lines.push(`actual:   ${field(scenario.actual)}`);
  if (scenario.afterRestart !== undefined) {
    lines.push(`restart:  run after restart ${scenario.afterRestart} of the server`);
  }
  return lines;
}

/**
 * What a launched server printed during the scenario, each line tagged with its stream; none
 * when it printed nothing (or chatspec did not launch it).
 */
export function serverOutputLines(scenario: ScenarioResult, limits: EvidenceLimits): string[] {
  const printed = scenario.serverOutput ?? [];
  if (printed.length === 0) return [];
  const shown = printed.slice(-limits.maxServerLines);
  const which =
    shown.length === printed.length
      ? `${printed.length} ${printed.length === 1 ? 'line' : 'lines'}`
      : `last ${shown.length} of ${printed.length} lines`;
  return [
    `the server printed, ${which}:`,
    ...shown.map(
      (line) =>
        `  ${line.stream === 'stderr' ? 'err' : 'out'} ${visibleBounded(line.text, limits.maxEntryChars)}`,
    ),
  ];
}

const ARROWS: Readonly<Record<TranscriptEntry['direction'], string>> = {
  sent: '→',
  received: '←',
  event: '·',
};

/**
 * A heading and one line per entry: time, connection, direction, the bytes made visible in
 * `wire` mode (the backslash doubled), so what is shown is exactly what crossed the wire.
 */
export function transcriptLines(
  transcript: readonly TranscriptEntry[],
  limits: EvidenceLimits,
): string[] {
  if (transcript.length === 0) return ['transcript: empty (nothing was sent or received)'];
  // Passwords were masked before any renderer saw the run (specs/secrets).
  const shown = transcript.slice(-limits.maxTranscriptEntries);
  const which =
    shown.length === transcript.length
      ? `${transcript.length} ${transcript.length === 1 ? 'entry' : 'entries'}`
      : `last ${shown.length} of ${transcript.length} entries`;
  const times = shown.map((entry) => formatMs(entry.atMs));
  const names = shown.map((entry) => visibleBounded(entry.connection, 24));
  const timeWidth = Math.max(...times.map((time) => time.length));
  const nameWidth = Math.max(...names.map((name) => name.length));
  return [
    `transcript, ${which}${limits.legend ? ` (${TRANSCRIPT_LEGEND})` : ''}:`,
    ...shown.map(
      (entry, i) =>
        `  ${times[i]!.padStart(timeWidth)}  ${names[i]!.padEnd(nameWidth)} ${ARROWS[entry.direction]} ` +
        visibleBounded(entry.text, limits.maxEntryChars, 'wire'),
    ),
  ];
}

/** Everything a reader needs to judge a verdict other than PASS. */
export function evidenceLines(scenario: ScenarioResult, limits: EvidenceLimits): string[] {
  const lines = [...verdictLines(scenario, limits), ...serverOutputLines(scenario, limits)];
  // A scenario that never ran has no exchange to show; saying "empty" would suggest it tried.
  if (scenario.notRun !== undefined && scenario.transcript.length === 0) return lines;
  return [...lines, ...transcriptLines(scenario.transcript, limits)];
}
