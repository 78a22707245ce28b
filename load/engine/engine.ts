/**
 * The load engine: opens its share of the run's connections, drives them until the deadline,
 * the amount or a stop, and returns a raw result. It emits `start`, `tick` (once a wall-clock
 * second), `response` (only computed when someone listens) and `done`; it never prints and
 * never exits. The same engine runs in the main thread or, unchanged, in each worker thread.
 */
import { tcpDialer, type Dialer } from '../../net/index.js';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Dialect } from '../../specs/index.js';
import { AuditLedger } from '../../results/load/audit/ledger.js';
import { prepareRecordingHistograms } from '../../results/load/histograms.js';
import type { LoadOptions } from '../options.js';
import { RAW_FORMAT, type RawLoadResult } from '../../results/load/raw.js';
import type { TickInfo } from '../../results/load/tick.js';
import { deriveSeed, seededRandom } from '../rng.js';
import { connectionAmount, processShare, type RunShare } from '../shard.js';
import { COMMAND_OPS } from '../../results/load/ops.js';
import { describeMix } from '../workload/workload.js';
import { LoadConnection } from './connection.js';
import type { EngineContext, ResponseInfo } from './context.js';
import { connectionIdentity } from './identities.js';
import { makePayload } from './payload.js';
import { Recorder, wallClockMs } from './recorder.js';
import { ReplyMemo } from './reply-memo.js';
import { DueScheduler, type Schedulable } from './scheduler.js';

/** This engine's part of a run that may be spread over several workers and processes. */
export interface EngineShare extends RunShare {
  readonly workerIndex: number;
}

export interface StartInfo {
  readonly connections: number;
  readonly startedAtMs: number;
}

export interface LoadEngineEvents {
  start: [StartInfo];
  tick: [TickInfo];
  response: [ResponseInfo];
  done: [RawLoadResult];
}

/** How long after a second's end its tick fires. */
const TICK_SLACK_MS = 5;

export type EndReason = 'deadline' | 'amount' | 'stopped';

/** The engine of a run without worker threads: this process's whole share. */
export function wholeRunShare(options: LoadOptions): EngineShare {
  return { ...processShare(options), workerIndex: 0 };
}

export class LoadEngine extends EventEmitter<LoadEngineEvents> {
  readonly #options: LoadOptions;
  readonly #dialer: Dialer;
  readonly #share: EngineShare;
  readonly #dialect: Dialect;
  readonly #recorder: Recorder;
  readonly #ledger: AuditLedger | undefined;
  readonly #runId = randomBytes(4).toString('hex');
  readonly #scheduler: DueScheduler;
  readonly #connections: LoadConnection[] = [];
  readonly #connectQueue: Array<() => void> = [];
  #connectQueueHead = 0;
  #connectsInProgress = 0;
  #issuing = true;
  #graceArmed = false;
  #endReason: EndReason | undefined;
  #issued = 0;
  #inflight = 0;
  #ready = 0;
  #startedAtMs = 0;
  #startedPerfMs = 0;
  #timers: NodeJS.Timeout[] = [];
  #tickTimer: NodeJS.Timeout | undefined;
  #finished: Promise<RawLoadResult> | undefined;
  #resolve: ((raw: RawLoadResult) => void) | undefined;

  constructor(
    options: LoadOptions,
    share: EngineShare | undefined,
    dialect: Dialect,
    dialer: Dialer = tcpDialer(options.host, options.port),
  ) {
    super();
    this.#options = options;
    this.#dialer = dialer;
    this.#share = share ?? wholeRunShare(options);
    this.#dialect = dialect;
    prepareRecordingHistograms();
    this.#recorder = new Recorder(this.#share.ratePerSec !== undefined, performance.now());
    this.#ledger = options.audit
      ? new AuditLedger(Object.fromEntries(options.fixture.groups.map((g) => [g.id, g.members])))
      : undefined;
    this.#scheduler = new DueScheduler(() => performance.now());
  }

  get runId(): string {
    return this.#runId;
  }

  /** Starts the run (once) and resolves with its raw result; never rejects for the server's sake. */
  run(): Promise<RawLoadResult> {
    this.#finished ??= new Promise<RawLoadResult>((resolve) => {
      this.#resolve = resolve;
      this.#begin();
    });
    return this.#finished;
  }

  /** Ends the run early (SIGINT): what was measured so far is still returned. */
  stop(): void {
    if (this.#finished === undefined) return;
    this.#endIssuing('stopped');
  }

  #begin(): void {
    const options = this.#options;
    const share = this.#share;
    this.#startedPerfMs = performance.now();
    this.#startedAtMs = wallClockMs(this.#startedPerfMs);
    const ctx = this.#context();
    for (let i = 0; i < share.connections; i++) {
      const globalIndex = share.connectionOffset + i;
      const identity = connectionIdentity(options.fixture, globalIndex, i);
      const random = seededRandom(deriveSeed(options.seed, globalIndex));
      const budget =
        options.amount === undefined
          ? Infinity
          : connectionAmount(options.amount, options.connections, globalIndex);
      this.#connections.push(new LoadConnection(ctx, identity, random, budget));
    }
    this.#timers.push(setTimeout(() => this.#endIssuing('deadline'), options.durationMs));
    const sweepMs = Math.min(250, Math.max(10, Math.floor(options.timeoutMs / 4)));
    this.#timers.push(setInterval(() => this.#sweep(), sweepMs));
    this.#scheduleTick();
    this.emit('start', { connections: share.connections, startedAtMs: this.#startedAtMs });
    for (const connection of this.#connections) connection.start();
  }

  #context(): EngineContext {
    const options = this.#options;
    const share = this.#share;
    const onResponse =
      this.listenerCount('response') > 0
        ? (info: ResponseInfo) => this.emit('response', info)
        : undefined;
    return {
      options,
      dialer: this.#dialer,
      dialect: this.#dialect,
      recorder: this.#recorder,
      replies: new ReplyMemo(this.#dialect, COMMAND_OPS.length),
      ledger: this.#ledger,
      runId: this.#runId,
      workerIndex: share.workerIndex,
      payload: makePayload(options.workload.fileSizeBytes, options.seed),
      // The unit matters: a connection's interval is connections / rate seconds, in ms.
      intervalMs:
        share.ratePerSec === undefined ? undefined : (1000 * share.connections) / share.ratePerSec,
      now: () => performance.now(),
      mayIssue: () => this.#issuing,
      mayConnect: () => this.#issuing,
      issued: () => {
        this.#issued++;
        this.#inflight++;
        if (share.amount !== undefined && this.#issued >= share.amount) {
          this.#issuing = false;
          this.#endReason ??= 'amount';
        }
      },
      settled: (count: number) => {
        this.#inflight -= count;
        if (!this.#issuing && this.#inflight === 0 && this.#endReason !== undefined) {
          // Defer: the connection that settled is still inside its own handler.
          setImmediate(() => this.#finalize());
        }
      },
      requestConnect: (start: () => void) => {
        if (this.#connectsInProgress < options.connectConcurrency) {
          this.#connectsInProgress++;
          start();
        } else {
          this.#connectQueue.push(start);
        }
      },
      connectFinished: () => {
        this.#connectsInProgress--;
        while (
          this.#connectsInProgress < options.connectConcurrency &&
          this.#connectQueueHead < this.#connectQueue.length
        ) {
          const next = this.#connectQueue[this.#connectQueueHead]!;
          this.#connectQueue[this.#connectQueueHead++] = noop;
          if (this.#connectQueueHead === this.#connectQueue.length) {
            this.#connectQueue.length = 0;
            this.#connectQueueHead = 0;
          }
          this.#connectsInProgress++;
          next();
        }
      },
      wakeAt: (dueMs: number, target: Schedulable) => this.#scheduler.at(dueMs, target),
      readyChanged: (delta: 1 | -1) => {
        this.#ready += delta;
      },
      onResponse,
    };
  }

  #sweep(): void {
    const now = performance.now();
    for (const connection of this.#connections) connection.checkTimeout(now);
  }

  /** Ticks fall just after whole wall-clock seconds, so they report whole seconds. */
  #scheduleTick(): void {
    const now = wallClockMs(performance.now());
    const next = Math.floor(now / 1000) * 1000 + 1000 + TICK_SLACK_MS;
    this.#tickTimer = setTimeout(() => {
      const perfNow = performance.now();
      const r = this.#recorder;
      r.roll(perfNow);
      this.emit('tick', {
        elapsedMs: perfNow - this.#startedPerfMs,
        ...r.tick(),
        sent: this.#issued,
        ready: this.#ready,
      });
      this.#scheduleTick();
    }, next - now);
  }

  #endIssuing(reason: EndReason): void {
    if (this.#resolve === undefined) return;
    this.#issuing = false;
    if (reason === 'stopped' || this.#endReason === undefined) this.#endReason = reason;
    // An audit waits for replies in flight: an inbox read abandoned here may already have
    // emptied an inbox, and its messages would look lost. Bounded by the timeout.
    if (reason !== 'stopped' && this.#options.audit && this.#inflight > 0) {
      if (!this.#graceArmed) {
        this.#graceArmed = true;
        this.#timers.push(setTimeout(() => this.#finalize(), this.#options.timeoutMs + 50));
      }
      return;
    }
    this.#finalize();
  }

  #finalize(): void {
    const resolve = this.#resolve;
    if (resolve === undefined) return;
    this.#resolve = undefined;
    for (const timer of this.#timers) clearTimeout(timer);
    if (this.#tickTimer !== undefined) clearTimeout(this.#tickTimer);
    this.#scheduler.stop();
    this.#connectQueue.length = 0;
    for (const connection of this.#connections) connection.finish();
    const finishedPerfMs = performance.now();
    // The last, partial second: its counts belong to the run even though it is not whole.
    this.#recorder.close(finishedPerfMs);
    const raw = this.#toRaw(wallClockMs(finishedPerfMs));
    this.#recorder.dispose();
    resolve(raw);
    this.emit('done', raw);
  }

  #toRaw(finishedAtMs: number): RawLoadResult {
    const options = this.#options;
    const share = this.#share;
    const r = this.#recorder;
    const workload = options.workload;
    return {
      format: RAW_FORMAT,
      runIds: [this.#runId],
      title: options.title ?? null,
      target: this.#dialer.address,
      workload: {
        name: workload.name,
        description: workload.description,
        mix: describeMix(workload.mix),
        fileSizeBytes: workload.fileSizeBytes,
        messageBytes: workload.messageBytes,
      },
      connections: share.connections,
      ...(options.shard ? { shard: options.shard } : {}),
      pipelining: options.pipelining,
      ratePerSec: share.ratePerSec ?? null,
      workers: 0,
      seed: options.seed,
      intervals: [[this.#startedAtMs, finishedAtMs]],
      totals: { ...r.totals(), bytesRead: r.bytesRead, bytesWritten: r.bytesWritten },
      commands: r.commandResults(),
      ...r.encodedLatency(),
      connects: r.connects(),
      samples: [...r.samples],
      problems: r.problems(),
      stoppedEarly: this.#endReason === 'stopped',
      ...(this.#ledger ? { audit: this.#ledger.encode() } : {}),
    };
  }
}

function noop(): void {}
