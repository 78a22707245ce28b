/**
 * A benchmark section: one comparison measured side by side in one process run, reported as
 * figures and ratios against its baseline. `npm run bench` runs every section registered in
 * bench/run.ts; `npm run bench -- NAME` runs one.
 */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export interface BenchResult {
  readonly section: string;
  readonly figures: readonly BenchFigure[];
  /** Lines a person reads: what was compared and how it came out against the aim. */
  readonly summary: readonly string[];
  /** Whether the aim was met; a missed aim is reported, not thrown. */
  readonly metAim: boolean;
}

export interface BenchSection {
  readonly name: string;
  readonly description: string;
  run(): Promise<BenchResult>;
}
