/** Picks ops by weight, from a connection's own seeded stream. */
import type { Random } from '../rng.js';
import type { Op } from '../../results/load/ops.js';
import type { WorkloadMixEntry } from './workload.js';

export class OpChooser {
  readonly #ops: Op[];
  readonly #cumulative: number[];
  readonly #total: number;
  readonly #random: Random;

  constructor(mix: readonly WorkloadMixEntry[], random: Random) {
    if (mix.length === 0) throw new RangeError('a workload mix needs at least one op');
    this.#ops = mix.map((e) => e.op);
    let sum = 0;
    this.#cumulative = mix.map((e) => (sum += e.weight));
    this.#total = sum;
    this.#random = random;
  }

  next(): Op {
    if (this.#ops.length === 1) return this.#ops[0]!;
    const x = this.#random() * this.#total;
    const cumulative = this.#cumulative;
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return this.#ops[i]!;
    return this.#ops[this.#ops.length - 1]!;
  }
}
