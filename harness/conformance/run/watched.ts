/**
 * A scenario run against a server whose process chatspec watches (process-watch.ts): the
 * lines it printed belong to the scenario, a silence or close is shown with them, and a
 * process that ends is noticed at once and judged at FRAME-11 instead of being waited out.
 */
import type { Dialer } from '../../../net/index.js';
import { SERVER_PRINTED, type RequirementId } from '../../../specs/index.js';
import {
  MAX_SERVER_OUTPUT_LINES,
  type ProcessReport,
  type ScenarioResult,
  type ServerOutputLine,
} from '../../../results/run.js';
import type { Scenario } from '../scenario/types.js';
import {
  describeExit,
  printedSummary,
  type ProcessWatch,
  type WatchedExit,
  type WatchedLine,
} from './process-watch.js';
import { resultHeader, type ScenarioRun } from './scenario.js';

/**
 * After the process ended, the scenario's own run is given this long to notice its closed
 * connections, so its transcript can be kept; it never waits out a reply timeout.
 */
const EXIT_GRACE_MS = 1000;
/** A server that stops answering between scenarios is given this long to be seen exiting. */
const EXIT_NOTICE_MS = 2000;

/** PROCESS-1's window: see PROTOCOL.md §11.2 for why these numbers are fair. */
export const IDLE_CPU_WINDOW = Object.freeze({ settleMs: 500, windowMs: 2000 });
export const IDLE_CPU_LIMIT_SECONDS = 0.1;

/** The one scenario id the idle-CPU judgement is reported under. */
export const IDLE_CPU_SCENARIO = 'process/idle-cpu';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export function outputLines(lines: readonly WatchedLine[]): ServerOutputLine[] {
  return lines
    .slice(-MAX_SERVER_OUTPUT_LINES)
    .map(({ stream, text, sinceStartMs }) => ({ stream, text, sinceStartMs }));
}

/**
 * Runs the scenario, racing its process's end: when the process ends first, the scenario's
 * run gets EXIT_GRACE_MS to wind down and the end is returned with whatever it recorded.
 */
export async function raceExit(
  running: Promise<ScenarioRun>,
  watch: ProcessWatch,
): Promise<{ run?: ScenarioRun; exit?: WatchedExit }> {
  const exited = watch.exited();
  const first = await Promise.race([
    running.then((run) => ({ run })),
    exited.then((exit) => ({ exit })),
  ]);
  if ('run' in first) return { run: first.run, ...(watch.ended() ? { exit: watch.ended()! } : {}) };
  const run = await Promise.race([running, sleep(EXIT_GRACE_MS).then(() => undefined)]);
  return { ...(run ? { run } : {}), exit: first.exit };
}

/**
 * The dialer as one scenario sees it: once the server it ran on has been replaced, a
 * scenario left winding down after the process ended cannot reach the new one.
 */
export function dialerWhile(dialer: Dialer, current: () => boolean): Dialer {
  return {
    address: dialer.address,
    dial: (timeoutMs) =>
      current()
        ? dialer.dial(timeoutMs)
        : Promise.reject(new Error('the server this scenario ran on has ended')),
  };
}

/** The server stopped answering: whether its process ended, seen within EXIT_NOTICE_MS. */
export async function exitAfterSilence(watch: ProcessWatch): Promise<WatchedExit | undefined> {
  const ended = watch.ended();
  if (ended) return ended;
  return Promise.race([watch.exited(), sleep(EXIT_NOTICE_MS).then(() => undefined)]);
}

/** A silence or a close, shown with what the server printed at that moment. */
export function withServerOutput(
  run: ScenarioRun,
  lines: readonly WatchedLine[],
  afterRestart: number,
): ScenarioRun {
  const printed = printedSummary(lines);
  const explain =
    printed !== undefined && run.decidedAt?.transport === true && run.result.verdict !== 'PASS';
  const result: ScenarioResult = {
    ...run.result,
    ...(explain ? { reason: `${run.result.reason}${SERVER_PRINTED}${printed}` } : {}),
    ...(lines.length > 0 ? { serverOutput: outputLines(lines) } : {}),
    ...(afterRestart > 0 ? { afterRestart } : {}),
  };
  return { ...run, result };
}

/**
 * The process ended while this scenario ran: one finding at FRAME-11 (the server must keep
 * serving), with the end and its last lines; the first such scenario keeps it, every later
 * one is folded into it. The scenario's own requirements say nothing: it was not judged.
 */
export function exitFinding(
  scenario: Scenario,
  run: ScenarioRun | undefined,
  exit: WatchedExit,
  lines: readonly WatchedLine[],
  context: { firstExit: string | undefined; afterRestart: number; restartNote: string },
): ScenarioResult {
  const printed = printedSummary(lines.length > 0 ? lines : exit.lastLines);
  const reason =
    `the server's process ended during this scenario (${describeExit(exit)})` +
    `${printed ? `; it printed: ${printed}` : '; it printed nothing'}; ${context.restartNote}`;
  const frame11: RequirementId = 'FRAME-11';
  const base: ScenarioResult = {
    ...resultHeader(scenario),
    requirements: [frame11],
    verdict: 'FAIL',
    reason,
    expected: 'the server keeps running and answering',
    actual: describeExit(exit),
    durationMs: run?.result.durationMs ?? 0,
    transcript: run?.result.transcript ?? [],
    ...(lines.length > 0 || exit.lastLines.length > 0
      ? { serverOutput: outputLines(lines.length > 0 ? lines : exit.lastLines) }
      : {}),
    ...(context.afterRestart > 0 ? { afterRestart: context.afterRestart } : {}),
  };
  if (context.firstExit === undefined) return base;
  return {
    ...base,
    verdict: 'INFORMATIONAL',
    reason: `the same fault as ${context.firstExit}, reported there: ${reason}`,
    sameFaultAs: context.firstExit,
    ownVerdict: 'FAIL',
  };
}

/** A scenario left unrun because the server could not be restarted after it exited. */
export function notRestarted(scenario: Scenario, firstExit: string, why: string): ScenarioResult {
  return {
    ...resultHeader(scenario),
    verdict: 'INFORMATIONAL',
    reason: `not run: the server exited (reported by ${firstExit}) and was not restarted: ${why}`,
    notRun: 'blocked',
    blockedBy: [firstExit],
    durationMs: 0,
    transcript: [],
  };
}

/** PROCESS-1, judged from the quiet window after the suite. */
export function idleCpuResult(idle: NonNullable<ProcessReport['idleCpu']>): ScenarioResult {
  const percent = (idle.coreShare * 100).toFixed(1);
  const used = `${idle.cpuSeconds.toFixed(2)} CPU-seconds in ${(idle.windowMs / 1000).toFixed(1)} s with no client connected (${percent}% of a core)`;
  const spins = idle.cpuSeconds >= IDLE_CPU_LIMIT_SECONDS;
  return {
    id: IDLE_CPU_SCENARIO,
    title: 'an idle server uses no CPU',
    group: 'GENERAL',
    command: null,
    requirements: ['PROCESS-1'],
    verdict: spins ? 'NON-STRICT' : 'PASS',
    reason: spins
      ? `the server kept using CPU with no client: ${used}; a thread may be spinning on a closed connection`
      : used,
    ...(spins
      ? {
          expected: `under ${IDLE_CPU_LIMIT_SECONDS} CPU-seconds`,
          actual: `${idle.cpuSeconds.toFixed(2)} CPU-seconds`,
        }
      : {}),
    durationMs: Math.round(idle.windowMs),
    transcript: [],
  };
}
