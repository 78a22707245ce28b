/**
 * A class run: every server of a targets file tested, `parallel` at a time, each in its own
 * worker thread with its own hard deadline. One server that hangs delays no other beyond its
 * own timeouts; one whose run crashes, runs out of memory or overruns its deadline is that
 * server's ERROR, and the class run goes on. It never prints and never exits: results come
 * back in the targets' order, and progress through `onServer`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DialectSpec, Fixture } from '../../specs/index.js';
import type { RunResult } from '../../results/run.js';
import type { Scenario } from '../conformance/scenario/types.js';
import type { FromWorker, ToWorker, WorkerInput } from './messages.js';
import type { AddressClassTarget, ClassTarget, LaunchedClassTarget } from './targets.js';

/**
 * Servers tested at once by default: a conformance run spends nearly all its time waiting
 * on the server (a silence costs a whole timeout), so many more than the cores.
 */
export function defaultParallel(cores: number = availableParallelism()): number {
  return Math.min(64, Math.max(8, cores * 24));
}

export const MAX_PARALLEL = 256;
/** Heap one server's run may use; a run past it is that server's ERROR. */
const WORKER_HEAP_MB = 1024;
/** Time a run may take beyond scenarios × (timeout + health probe), for start-up and reports. */
const DEADLINE_SLACK_MS = 15_000;
/** Time a stopped run has to hand in its partial result. */
const STOP_GRACE_MS = 10_000;

export type ClassErrorKind = 'unreachable' | 'crashed' | 'deadline' | 'aborted';

export interface ClassEntry {
  readonly target: ClassTarget;
  /** The server's report, when its run finished. */
  readonly result?: RunResult;
  /** Why there is no report (the whole server is ERROR). */
  readonly error?: { readonly kind: ClassErrorKind; readonly message: string };
  /** Notes on the entry (a dialect this chatspec could not apply). */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

export interface ClassOptions {
  readonly targets: readonly ClassTarget[];
  /** Fixtures by target name, loaded and validated beforehand. */
  readonly fixtures: ReadonlyMap<string, Fixture>;
  /** Dialects by target name, read and validated beforehand. */
  readonly dialects?: ReadonlyMap<string, DialectSpec>;
  readonly notes?: ReadonlyMap<string, readonly string[]>;
  readonly scenarios: readonly Scenario[];
  readonly parallel: number;
  readonly timeoutMs: number;
  /** The largest reply read without its terminator; the runner's default when absent. */
  readonly maxReplyBytes?: number;
  readonly strict: boolean;
  readonly signal?: AbortSignal;
  readonly onServer?: (entry: ClassEntry, done: number, total: number) => void;
  /** Each run's hard deadline; by default `runDeadlineMs` of the scenarios and timeout. */
  readonly deadlineMs?: number;
  /** The worker script; the compiled worker-entry by default (tests give a misbehaving one). */
  readonly workerPath?: string;
  /**
   * Runs one server chatspec launches, given by the caller (the harness never starts servers).
   * It runs in this thread, not in a worker: a launched server is reached through sockets its
   * agent hands over this process's IPC channel, which a worker thread cannot receive.
   */
  readonly runLaunched?: (run: LaunchedRun) => Promise<ClassOutcome>;
  /** Launched servers run at once: few, so that they never compete for the cores (see cli/). */
  readonly launchedParallel?: number;
}

/** What the caller's `runLaunched` gets: the entry and what the class run read for it. */
export interface LaunchedRun {
  readonly target: LaunchedClassTarget;
  readonly fixture?: Fixture;
  readonly dialect?: DialectSpec;
  readonly scenarios: readonly Scenario[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly maxReplyBytes?: number;
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}

/** How one server's run ended: its report, or why there is none. */
export type ClassOutcome = Omit<ClassEntry, 'notes' | 'durationMs' | 'target'>;

export class ClassRunError extends Error {
  override readonly name = 'ClassRunError';
}

/** The compiled entry: threads need JavaScript, also when this module runs from sources. */
export function classWorkerPath(moduleUrl: string = import.meta.url): string {
  const url = moduleUrl.endsWith('.ts')
    ? new URL('../../dist/harness/class/worker-entry.js', moduleUrl)
    : new URL('./worker-entry.js', moduleUrl);
  return fileURLToPath(url);
}

/** The longest one server's run may take: each scenario's budget and its health probe. */
export function runDeadlineMs(scenarios: number, timeoutMs: number): number {
  return scenarios * 2 * timeoutMs + DEADLINE_SLACK_MS;
}

function runOne(
  entryPath: string,
  target: ClassTarget,
  input: WorkerInput,
  deadlineMs: number,
  signal: AbortSignal | undefined,
): Promise<ClassOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(entryPath, {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    // A run's own output is not ours to print; drain it so the thread never blocks on it.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (outcome: ClassOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(grace);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    let grace: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      grace = setTimeout(
        () => finish({ error: { kind: 'aborted', message: 'the class run was interrupted' } }),
        STOP_GRACE_MS,
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const deadline = setTimeout(
      () =>
        finish({
          error: {
            kind: 'deadline',
            message: `the run of ${target.address} did not finish within ${Math.round(deadlineMs / 1000)} s and was stopped`,
          },
        }),
      deadlineMs,
    );
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'done') finish({ result: message.result });
      else if (message.type === 'unreachable')
        finish({ error: { kind: 'unreachable', message: message.message } });
      else finish({ error: { kind: 'crashed', message: `the run crashed: ${message.message}` } });
    });
    worker.on('error', (error) =>
      finish({ error: { kind: 'crashed', message: `the run crashed: ${error.message}` } }),
    );
    worker.on('exit', (code) =>
      finish({
        error: {
          kind: 'crashed',
          message: `the run's thread exited (code ${code}) without a result`,
        },
      }),
    );
  });
}

function workerInput(
  target: AddressClassTarget,
  fixture: Fixture | undefined,
  dialect: DialectSpec | undefined,
  options: ClassOptions,
): WorkerInput {
  return {
    host: target.host,
    port: target.port,
    ...(fixture ? { fixture } : {}),
    scenarios: options.scenarios,
    strict: options.strict,
    timeoutMs: options.timeoutMs,
    ...(options.maxReplyBytes !== undefined ? { maxReplyBytes: options.maxReplyBytes } : {}),
    ...(dialect !== undefined ? { dialect } : {}),
    probe: target.probe,
  };
}

export async function runClass(options: ClassOptions): Promise<ClassEntry[]> {
  const entryPath = options.workerPath ?? classWorkerPath();
  if (!existsSync(entryPath)) {
    throw new ClassRunError(
      `a class run needs the compiled worker ${entryPath}; run \`npm run build\` first`,
    );
  }
  if (
    !Number.isInteger(options.parallel) ||
    options.parallel < 1 ||
    options.parallel > MAX_PARALLEL
  ) {
    throw new ClassRunError(
      `parallel must be a whole number from 1 to ${MAX_PARALLEL}, got ${options.parallel}`,
    );
  }
  const deadlineMs =
    options.deadlineMs ?? runDeadlineMs(options.scenarios.length, options.timeoutMs);
  const launched = options.targets.filter((t) => t.launch !== undefined).length;
  if (launched > 0 && options.runLaunched === undefined) {
    throw new ClassRunError(
      'this class names servers to launch (run:), and nothing to launch them',
    );
  }
  const launchedParallel = options.launchedParallel ?? 1;
  if (!Number.isInteger(launchedParallel) || launchedParallel < 1) {
    throw new ClassRunError(
      `launchedParallel must be a whole number at least 1, got ${launchedParallel}`,
    );
  }
  const results: ClassEntry[] = new Array(options.targets.length);
  let done = 0;
  const runTarget = async (index: number): Promise<void> => {
    const target = options.targets[index]!;
    const notes = options.notes?.get(target.name) ?? [];
    const started = performance.now();
    const fixture = options.fixtures.get(target.name);
    const dialect = options.dialects?.get(target.name);
    const outcome: ClassOutcome = options.signal?.aborted
      ? { error: { kind: 'aborted', message: 'not run: the class run was interrupted' } }
      : target.launch !== undefined
        ? await options.runLaunched!({
            target,
            ...(fixture ? { fixture } : {}),
            ...(dialect !== undefined ? { dialect } : {}),
            scenarios: options.scenarios,
            strict: options.strict,
            timeoutMs: options.timeoutMs,
            ...(options.maxReplyBytes !== undefined
              ? { maxReplyBytes: options.maxReplyBytes }
              : {}),
            deadlineMs,
            ...(options.signal ? { signal: options.signal } : {}),
          })
        : await runOne(
            entryPath,
            target,
            workerInput(target, fixture, dialect, options),
            deadlineMs,
            options.signal,
          );
    const entry: ClassEntry = {
      target,
      ...outcome,
      notes,
      durationMs: Math.round(performance.now() - started),
    };
    results[index] = entry;
    options.onServer?.(entry, ++done, options.targets.length);
  };
  // Two pools: servers at an address in worker threads, many at once; launched servers in
  // this thread, `launchedParallel` at once.
  const pool = async (indexes: readonly number[], width: number): Promise<void> => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < indexes.length) await runTarget(indexes[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(width, indexes.length) }, lane));
  };
  const indexes = options.targets.map((_, index) => index);
  await Promise.all([
    pool(
      indexes.filter((i) => options.targets[i]!.launch === undefined),
      options.parallel,
    ),
    pool(
      indexes.filter((i) => options.targets[i]!.launch !== undefined),
      launchedParallel,
    ),
  ]);
  return results;
}
