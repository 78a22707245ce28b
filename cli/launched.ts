/**
 * A server the command line launched (`--run`, `chatspec grade`): opening it with one-line
 * errors, the process watch the conformance runner reads (harness/run/process-watch.ts), and
 * the one-line notice when namespaces are unavailable. The harness never sees launch/: this
 * module adapts one to the other.
 */
import {
  LaunchError,
  LaunchOptionError,
  probeIsolation,
  type OutputLine,
  type ProcessEnd,
} from '../launch/index.js';
import type { ProcessWatch, WatchedExit, WatchedLine } from '../harness/run/process-watch.js';
import {
  openLaunchedTarget,
  type LaunchedTarget,
  type LaunchedTargetOptions,
} from '../target/launched.js';
import { UsageError } from './usage.js';

function watchedLine(line: OutputLine): WatchedLine {
  return { seq: line.seq, stream: line.stream, text: line.text, sinceStartMs: line.sinceStartMs };
}

function watchedExit(end: ProcessEnd): WatchedExit {
  return {
    code: end.code,
    signal: end.signal,
    reason: end.reason,
    lastLines: end.lastLines.map(watchedLine),
  };
}

/** The runner's view of a launched target; it follows the target across restarts. */
export function processWatchOf(target: LaunchedTarget): ProcessWatch {
  return {
    mark: () => target.server.output.mark(),
    linesSince: (mark) => target.server.output.linesSince(mark).map(watchedLine),
    exited: () => target.server.exited.then(watchedExit),
    ended: () => {
      const end = target.server.ended;
      return end === undefined ? undefined : watchedExit(end);
    },
    restart: async () => {
      await target.restart();
    },
    memoryBytes: () => target.server.memory(),
    measureIdleCpu: (window) => target.server.measureIdleCpu(window),
  };
}

/**
 * Launches the server; a server that will not start (no such command, no port in time, an
 * exit at once) is a LaunchError whose one line says why and what it printed.
 */
export async function openLaunched(
  options: LaunchedTargetOptions,
  signal?: AbortSignal,
): Promise<LaunchedTarget> {
  try {
    return await openLaunchedTarget(options, signal);
  } catch (error) {
    if (error instanceof LaunchOptionError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** A launch that failed, as one line: `cannot start "python3 s.py": …`. */
export function launchFailure(command: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `cannot start ${JSON.stringify(command)}: ${text.replace(/\s*\n\s*/g, ' | ')}`;
}

/** Whether the failure is the server's (it would not start), not chatspec's. */
export function isLaunchFailure(error: unknown): error is LaunchError {
  return error instanceof LaunchError;
}

/**
 * One line for stderr when launched servers cannot be isolated here (and so run one at a
 * time on the ports they bind), or undefined when they can or isolation is off by choice.
 */
export async function isolationNotice(isolation: string | undefined): Promise<string | undefined> {
  if (isolation === 'none') return undefined;
  const probe = await probeIsolation();
  return probe.available ? undefined : probe.notice;
}
