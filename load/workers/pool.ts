/**
 * `--workers N`: the run's connections spread over N worker threads, each running the engine
 * unchanged. Ticks are summed once a second for the progress display; raw results are merged
 * through the same path as files. A worker that does not finish by the hard deadline is
 * terminated and reported; the others' results still count.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DialectSpec } from '../../specs/index.js';
import type { TickInfo } from '../../results/load/tick.js';
import type { LoadOptions } from '../options.js';
import { LoadSetupError } from '../probe.js';
import { mergeRawResults } from '../../results/load/merge.js';
import type { RawLoadResult } from '../../results/load/raw.js';
import type { FromWorker, ToWorker, WorkerInput } from './messages.js';

/** The young generation of each worker's heap, in MB (see #runWorker). */
const WORKER_YOUNG_GENERATION_MB = 12;
import { workerShares } from './shares.js';

/** How long past the deadline a worker may take to hand in its result. */
const WORKER_GRACE_MS = 15_000;

/**
 * The compiled worker entry. Run from TypeScript sources (vitest), this module lives in
 * load/workers/ and the compiled entry in dist/load/workers/: threads need JavaScript.
 */
export function workerEntryPath(moduleUrl: string = import.meta.url): string {
  const url = moduleUrl.endsWith('.ts')
    ? new URL('../../dist/load/workers/worker-entry.js', moduleUrl)
    : new URL('./worker-entry.js', moduleUrl);
  return fileURLToPath(url);
}

/** Whether the compiled worker is there to run (a run from the sources may lack it). */
export function hasWorkerBuild(): boolean {
  return existsSync(workerEntryPath());
}

export interface PoolEvents {
  tick: [TickInfo];
}

export class WorkerPool extends EventEmitter<PoolEvents> {
  readonly #options: LoadOptions;
  readonly #workers: Worker[] = [];
  /** Per worker: requests, bytes and errors since the last flush; latest sent and ready. */
  readonly #ticks = new Map<number, TickInfo>();
  #fresh = false;
  #tickTimer: NodeJS.Timeout | undefined;
  readonly #problems: string[] = [];
  #stopped = false;

  readonly #dialectSpec: DialectSpec;

  constructor(options: LoadOptions, dialectSpec: DialectSpec) {
    super();
    this.#options = options;
    this.#dialectSpec = dialectSpec;
  }

  /** Problems with the workers themselves (a crash, a missed deadline). */
  get problems(): readonly string[] {
    return this.#problems;
  }

  stop(): void {
    this.#stopped = true;
    for (const worker of this.#workers) worker.postMessage({ type: 'stop' } satisfies ToWorker);
  }

  async run(): Promise<RawLoadResult> {
    const entry = workerEntryPath();
    if (!hasWorkerBuild()) {
      throw new LoadSetupError(
        `--workers needs the compiled worker ${entry}; run \`npm run build\` first`,
      );
    }
    const shares = workerShares(this.#options);
    const options: LoadOptions = {
      ...this.#options,
      connectConcurrency: Math.max(1, Math.ceil(this.#options.connectConcurrency / shares.length)),
    };
    this.#scheduleFlush();
    const hardDeadlineMs =
      this.#options.durationMs +
      (this.#options.audit ? this.#options.timeoutMs : 0) +
      WORKER_GRACE_MS;
    const results = await Promise.all(
      shares.map((share) =>
        this.#runWorker(entry, { options, share, dialectSpec: this.#dialectSpec }, hardDeadlineMs),
      ),
    );
    clearTimeout(this.#tickTimer);
    this.#flushTicks();
    const raws = results.filter((r): r is RawLoadResult => r !== undefined);
    if (raws.length === 0) {
      throw new LoadSetupError(`every load worker failed: ${this.#problems.join('; ')}`);
    }
    return mergeRawResults(raws, { workers: shares.length });
  }

  #runWorker(
    entry: string,
    input: WorkerInput,
    hardDeadlineMs: number,
  ): Promise<RawLoadResult | undefined> {
    return new Promise((resolve) => {
      const worker = new Worker(entry, {
        workerData: input,
        // A load engine's garbage is short-lived (a request, a reply): a young generation of a
        // few megabytes collects it as well, and with tens of thousands of connections the
        // default one (tens of megabytes per thread) is most of a worker's memory.
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      this.#workers.push(worker);
      if (this.#stopped) worker.postMessage({ type: 'stop' } satisfies ToWorker);
      let settled = false;
      const finish = (raw: RawLoadResult | undefined, problem?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (problem !== undefined)
          this.#problems.push(`worker ${input.share.workerIndex}: ${problem}`);
        void worker.terminate();
        resolve(raw);
      };
      const timer = setTimeout(
        () => finish(undefined, `no result ${hardDeadlineMs} ms after the start; terminated`),
        hardDeadlineMs,
      );
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'tick') this.#addTick(input.share.workerIndex, message.info);
        else if (message.type === 'done') finish(message.raw);
        else finish(undefined, message.message);
      });
      worker.on('error', (error) => finish(undefined, error.message));
      worker.on('exit', (code) => finish(undefined, `exited (code ${code}) without a result`));
    });
  }

  #addTick(worker: number, info: TickInfo): void {
    const known = this.#ticks.get(worker);
    this.#ticks.set(
      worker,
      known === undefined
        ? info
        : {
            ...info,
            requests: known.requests + info.requests,
            bytes: known.bytes + info.bytes,
            errors: known.errors + info.errors,
          },
    );
    this.#fresh = true;
  }

  /** Workers tick on whole wall-clock seconds; their ticks are summed a little after each. */
  #scheduleFlush(): void {
    const now = Date.now();
    const next = Math.floor(now / 1000) * 1000 + 1000 + 200;
    this.#tickTimer = setTimeout(() => {
      this.#flushTicks();
      this.#scheduleFlush();
    }, next - now);
  }

  #flushTicks(): void {
    if (!this.#fresh) return;
    this.#fresh = false;
    const ticks = [...this.#ticks.values()];
    this.emit('tick', {
      elapsedMs: Math.max(...ticks.map((t) => t.elapsedMs)),
      requests: ticks.reduce((n, t) => n + t.requests, 0),
      bytes: ticks.reduce((n, t) => n + t.bytes, 0),
      errors: ticks.reduce((n, t) => n + t.errors, 0),
      sent: ticks.reduce((n, t) => n + t.sent, 0),
      ready: ticks.reduce((n, t) => n + t.ready, 0),
    });
    // Deltas start again; the latest sent and ready stay.
    for (const [worker, t] of this.#ticks) {
      this.#ticks.set(worker, { ...t, requests: 0, bytes: 0, errors: 0 });
    }
  }
}
