/**
 * A whole load run: check the target, run the engine in this thread or in worker threads,
 * drain the inboxes when auditing, merge, and summarise. Emits `start`, `tick`, `response`
 * (in-thread runs only) and `done`; returns data; never prints, never exits.
 */
import { EventEmitter } from 'node:events';
import { tcpDialer, type Dialer, type HostPort } from '../net/index.js';
import { canonicalDialect, type Dialect } from '../specs/index.js';
import { drainInboxes } from './audit/drain.js';
import { mergeLedgers } from '../results/load/audit/ledger.js';
import type { ResponseInfo } from './engine/context.js';
import { LoadEngine } from './engine/engine.js';
import type { TickInfo } from '../results/load/tick.js';
import type { LoadOptions } from './options.js';
import { probeTarget } from './probe.js';
import type { RawLoadResult } from '../results/load/raw.js';
import { summarize, type LoadReport } from '../results/load/summary.js';
import { WorkerPool, hasWorkerBuild } from './workers/pool.js';

export interface LoadOutcome {
  readonly raw: RawLoadResult;
  readonly report: LoadReport;
}

export interface LoadRunEvents {
  start: [{ readonly connections: number; readonly workers: number; readonly durationMs: number }];
  tick: [TickInfo];
  response: [ResponseInfo];
  /** The load has stopped; with --audit the inboxes are being drained. */
  draining: [];
  /** One line about how the run is carried out, for the person running it. */
  note: [string];
  done: [LoadOutcome];
}

export class LoadRun extends EventEmitter<LoadRunEvents> {
  readonly options: LoadOptions;
  readonly #dialect: Dialect;
  readonly #dialer: Dialer;
  #stop: (() => void) | undefined;
  #stopRequested = false;

  /**
   * `dialer` opens every connection (by default plain TCP to the options' host and port).
   * Worker threads cannot receive a Dialer: they rebuild a TCP one from its `tcp` field, so a
   * dialer without one (a server reached only through the launcher) runs in this thread.
   */
  constructor(
    options: LoadOptions,
    dialect: Dialect = canonicalDialect,
    dialer: Dialer = tcpDialer(options.host, options.port),
  ) {
    super();
    this.options = options;
    this.#dialect = dialect;
    this.#dialer = dialer;
  }

  /** Ends the load early; the result of what ran is still returned. */
  stop(): void {
    this.#stopRequested = true;
    this.#stop?.();
  }

  /**
   * Runs to the end. Rejects only for setup problems (LoadSetupError: nothing listens at the
   * target, the worker build is missing); whatever the server does ends up in the result.
   */
  async run(): Promise<LoadOutcome> {
    const options = this.options;
    await probeTarget(this.#dialer, options.timeoutMs, options.localAddresses);
    const tcp = this.#dialer.tcp;
    // Worker threads dial host and port themselves and run the compiled worker; a count the
    // connections chose gives way quietly where either is missing.
    const workers =
      tcp === undefined || (options.autoWorkers && !hasWorkerBuild()) ? 0 : options.workers;
    if (workers !== options.workers && !options.autoWorkers) {
      this.emit(
        'note',
        `--workers ${options.workers} ignored: ${this.#dialer.address} is reached through its launcher, which worker threads cannot use; running in this thread`,
      );
    }
    this.emit('start', {
      connections: options.connections,
      workers,
      durationMs: options.durationMs,
    });
    let raw =
      tcp === undefined || workers === 0
        ? await this.#runInThread()
        : await this.#runInWorkers(tcp);
    // A shard does not drain: the other shards may still be sending to the same inboxes.
    // `chatspec load drain` does it once they have all finished, and the merge judges.
    if (options.audit && options.shard === undefined) {
      this.emit('draining');
      const drained = await drainInboxes({
        ...options,
        dialect: this.#dialect,
        dialer: this.#dialer,
      });
      const problems = { ...raw.problems };
      for (const p of drained.problems) problems[p] = (problems[p] ?? 0) + 1;
      raw = {
        ...raw,
        problems,
        audit: mergeLedgers([...(raw.audit ? [raw.audit] : []), drained.ledger]),
      };
    }
    const outcome = { raw, report: summarize(raw) };
    this.emit('done', outcome);
    return outcome;
  }

  async #runInThread(): Promise<RawLoadResult> {
    const engine = new LoadEngine(this.options, undefined, this.#dialect, this.#dialer);
    engine.on('tick', (info) => this.emit('tick', info));
    if (this.listenerCount('response') > 0) {
      engine.on('response', (info) => this.emit('response', info));
    }
    this.#stop = () => engine.stop();
    const result = engine.run();
    if (this.#stopRequested) engine.stop();
    return result;
  }

  async #runInWorkers(tcp: HostPort): Promise<RawLoadResult> {
    // Each worker dials host and port of its own (worker-entry.ts), with the engine's fast path.
    const pool = new WorkerPool({ ...this.options, ...tcp }, this.#dialect.spec);
    pool.on('tick', (info) => this.emit('tick', info));
    this.#stop = () => pool.stop();
    if (this.#stopRequested) pool.stop();
    const raw = await pool.run();
    if (pool.problems.length === 0) return raw;
    const problems = { ...raw.problems };
    for (const p of pool.problems) problems[p] = (problems[p] ?? 0) + 1;
    return { ...raw, problems };
  }
}
