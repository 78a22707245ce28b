/**
 * A server the command line launched (`--run`, `chatspec grade`): opening it with one-line
 * errors, the process watch the conformance runner reads (harness/run/process-watch.ts), and
 * the one-line notice when namespaces are unavailable. The harness never sees launch/: this
 * module adapts one to the other.
 */
import { availableParallelism } from 'node:os';
import type { ClassOutcome, LaunchedRun } from '../harness/class/run.js';
import { runClassServer } from '../harness/class/server-run.js';
import { TargetUnreachableError } from '../harness/index.js';
import {
  LaunchError,
  LaunchOptionError,
  isolationAvailable,
  probeIsolation,
  type OutputLine,
  type ProcessEnd,
} from '../launch/index.js';
import type {
  ProcessWatch,
  WatchedExit,
  WatchedLine,
} from '../harness/conformance/run/process-watch.js';
import {
  openLaunchedTarget,
  type LaunchedTarget,
  type LaunchedTargetOptions,
} from '../target/launched.js';
import { openTarget, type EmbeddedOptions, type Target } from '../target/index.js';
import type { CliIo } from './io.js';
import { launchOptionsFrom, type LaunchFlags } from './launch-options.js';
import { UsageError, parseTarget } from './usage.js';

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

/**
 * Launched servers judged at once: one per core, so that contention never changes a verdict
 * (a server gets the verdicts it gets alone; timeouts stay as they are); one at a time where
 * servers cannot be isolated, since every one binds its port on this machine.
 */
export async function launchedParallelism(isolation: string | undefined): Promise<number> {
  if (isolation === 'none' || !(await isolationAvailable())) return 1;
  return Math.max(1, availableParallelism());
}

/**
 * How a class run judges a launched server, in this thread: launch it with the class's
 * limits, run its suite with its process watched, stop it. A server that will not start is
 * that server's ERROR, with what it printed; it never stops the others.
 */
export function launchedClassRunner(
  limits: Omit<LaunchedTargetOptions, 'command' | 'cwd'>,
): (run: LaunchedRun) => Promise<ClassOutcome> {
  return async (run) => {
    const { command, cwd, setup, port } = run.target.launch;
    let target: LaunchedTarget;
    try {
      target = await openLaunched(
        {
          ...limits,
          command,
          cwd,
          ...(setup !== undefined ? { setup } : {}),
          ...(port !== undefined ? { port } : {}),
        },
        run.signal,
      );
    } catch (error) {
      if (!isLaunchFailure(error) && !(error instanceof UsageError)) throw error;
      return { error: { kind: 'unreachable', message: launchFailure(command, error) } };
    }
    try {
      const result = await runClassServer({
        dialer: target.dialer,
        ...(run.fixture ? { fixture: run.fixture } : {}),
        ...(run.dialect ? { dialect: run.dialect } : {}),
        probe: run.target.probe,
        scenarios: run.scenarios,
        strict: run.strict,
        timeoutMs: run.timeoutMs,
        ...(run.maxReplyBytes !== undefined ? { maxReplyBytes: run.maxReplyBytes } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
        processWatch: processWatchOf(target),
      });
      return { result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof TargetUnreachableError) {
        return { error: { kind: 'unreachable', message } };
      }
      return { error: { kind: 'crashed', message: `the run crashed: ${message}` } };
    } finally {
      await target.close();
    }
  };
}

/** What a command runs against: the target, and the launched server behind it, if any. */
export interface CommandTarget {
  readonly target: Target;
  readonly launched?: LaunchedTarget;
}

/**
 * The one way a command opens its target: the server `--run` starts (a server that will not
 * start is a one-line usage error with what it printed), the one at HOST:PORT, or the embedded
 * reference server. The caller closes `target` on every path.
 */
export async function openCommandTarget(
  given: string | undefined,
  flags: LaunchFlags,
  embedded: EmbeddedOptions,
  io: Pick<CliIo, 'stderr'>,
): Promise<CommandTarget> {
  const launch = launchOptionsFrom(flags, given);
  if (launch === undefined) {
    const address = given === undefined ? undefined : parseTarget(given);
    return { target: await openTarget(address, embedded) };
  }
  const notice = await isolationNotice(launch.isolation);
  if (notice !== undefined) io.stderr.write(`chatspec: ${notice}\n`);
  try {
    const launched = await openLaunched(launch);
    return { target: launched, launched };
  } catch (error) {
    if (isLaunchFailure(error)) {
      throw new UsageError(launchFailure(launch.command, error), { cause: error });
    }
    throw error;
  }
}
