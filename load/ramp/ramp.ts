/**
 * A curve run: the same load at several open-loop rates, one after the other, each step a
 * whole load run of the set duration (connections opened and logged in afresh, coordinated
 * omission corrected as in any open-loop run). Either a ramp (rates given) or a knee search
 * (rates chosen: doubled from FROM until a step fails, or halved while even FROM fails, then
 * the gap between the highest passing and the lowest failing rate halved until it is within
 * KNEE_PRECISION). Emits
 * `step-start`, `tick` and `step`; returns data; never prints, never exits.
 */
import { tcpDialer, type Dialer } from '../../net/index.js';
import { EventEmitter } from 'node:events';
import { canonicalDialect, type Dialect } from '../../specs/index.js';
import type { TickInfo } from '../../results/load/tick.js';
import { LoadOptionError, type LoadOptions } from '../options.js';
import { LoadRun } from '../run.js';
import {
  KNEE_PRECISION,
  MAX_KNEE_STEPS,
  MAX_RATE_PER_SEC,
  rampRates,
  roundRate,
  type RampPlan,
  type Slo,
} from '../../results/load/ramp/plan.js';
import { judgeStep, type RampStep } from '../../results/load/ramp/step.js';
import { RAMP_FORMAT, kneeOf, type RampResult } from '../../results/load/ramp/result.js';

/** Lets a server finish what the previous step left in its queues before the next begins. */
const SETTLE_MS = 200;
const DEFAULT_KNEE_FROM_PER_SEC = 100;
const MIN_KNEE_RATE_PER_SEC = 1;

export type CurveMode =
  | { readonly kind: 'ramp'; readonly plan: RampPlan }
  | { readonly kind: 'knee'; readonly fromPerSec?: number; readonly toPerSec?: number };

export interface RampRunEvents {
  'step-start': [{ readonly index: number; readonly ratePerSec: number; readonly of?: number }];
  tick: [TickInfo];
  step: [RampStep];
}

export class RampRun extends EventEmitter<RampRunEvents> {
  readonly #options: LoadOptions;
  readonly #mode: CurveMode;
  readonly #slo: Slo | undefined;
  readonly #dialect: Dialect;
  readonly #dialer: Dialer;
  #current: LoadRun | undefined;
  #stopped = false;

  constructor(
    options: LoadOptions,
    mode: CurveMode,
    slo: Slo | undefined,
    dialect: Dialect = canonicalDialect,
    dialer: Dialer = tcpDialer(options.host, options.port),
  ) {
    super();
    if (options.amount !== undefined) {
      throw new LoadOptionError('--ramp and --find-knee run each step for -d seconds: no --amount');
    }
    if (mode.kind === 'knee' && options.shard !== undefined) {
      throw new LoadOptionError(
        '--find-knee chooses each rate from the last step, which shards cannot share: use --ramp with --shard',
      );
    }
    this.#options = options;
    this.#mode = mode;
    this.#slo = slo;
    this.#dialect = dialect;
    this.#dialer = dialer;
  }

  /** Ends the current step early and runs no more; what ran is returned. */
  stop(): void {
    this.#stopped = true;
    this.#current?.stop();
  }

  async run(): Promise<RampResult> {
    const steps: RampStep[] = [];
    const step = async (ratePerSec: number, index: number, of?: number): Promise<RampStep> => {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      this.emit('step-start', { index, ratePerSec, ...(of !== undefined ? { of } : {}) });
      const run = new LoadRun({ ...this.#options, ratePerSec }, this.#dialect, this.#dialer);
      run.on('tick', (tick) => this.emit('tick', tick));
      this.#current = run;
      if (this.#stopped) run.stop();
      const { report } = await run.run();
      const judged = judgeStep(ratePerSec, report, this.#slo);
      steps.push(judged);
      this.emit('step', judged);
      return judged;
    };

    if (this.#mode.kind === 'ramp') {
      const rates = rampRates(this.#mode.plan);
      for (const [i, rate] of rates.entries()) {
        if (this.#stopped) break;
        await step(rate, i, rates.length);
      }
    } else {
      const from = this.#mode.fromPerSec ?? this.#options.ratePerSec ?? DEFAULT_KNEE_FROM_PER_SEC;
      const to = this.#mode.toPerSec ?? MAX_RATE_PER_SEC;
      let pass: number | undefined;
      let fail: number | undefined;
      let rate = from;
      for (let i = 0; i < MAX_KNEE_STEPS && !this.#stopped; i++) {
        const judged = await step(rate, i);
        if (judged.passed) pass = rate;
        else fail = rate;
        if (fail === undefined) {
          if (rate >= to) break;
          rate = roundRate(Math.min(rate * 2, to));
          continue;
        }
        if (pass === undefined) {
          // Even FROM failed: halve until a rate passes (a search knows no floor but 1/s).
          if (rate <= MIN_KNEE_RATE_PER_SEC) break;
          rate = roundRate(Math.max(MIN_KNEE_RATE_PER_SEC, rate / 2));
          continue;
        }
        if ((fail - pass) / pass <= KNEE_PRECISION) break;
        const next = roundRate((pass + fail) / 2);
        if (next === pass || next === fail) break;
        rate = next;
      }
    }
    const mode = this.#mode.kind;
    return {
      format: RAMP_FORMAT,
      mode,
      target: this.#dialer.address,
      slo: this.#slo ?? null,
      stepDurationMs: this.#options.durationMs,
      steps,
      knee: kneeOf(steps, mode),
    };
  }
}
