/**
 * `npm run bench -- reports`: do the renderers stay cheap and linear on a worst-case report?
 * Every scenario FAILs with a transcript of max-size (4 KiB, elided) entries full of bytes
 * that need escaping. The baseline is JSON.stringify of the same RunResult, measured side by
 * side: the console and JUnit renderers show bounded excerpts, so they should cost about as
 * much as serialising everything or less; renderJson copies the result to order its keys, so
 * it may cost a few times more. Growth is how much slower each renderer gets on a run four
 * times larger, over how much slower JSON.stringify gets: memory effects on a large result
 * hit both alike, so linear code gives ≈ 1 and quadratic code ≈ 4.
 */
import { emptyCounts, type RunResult, type ScenarioResult } from '../../results/run.js';
import { renderConsole, renderJson, renderJunit } from '../../reports/index.js';
import type { BenchFigure, BenchResult, BenchSection } from '../section.js';

const SMALL_SCENARIOS = 50;
const LARGE_SCENARIOS = 200;
const ENTRIES_PER_SCENARIO = 20;
const ROUNDS = 7;
/** Time over the baseline each renderer may take on the large run. */
const AIM_MAX_RATIO: Readonly<Record<'console' | 'junit' | 'json', number>> = {
  // Excerpts of 6 entries × 160 characters: far less than the whole result.
  console: 1,
  // Excerpts of 20 entries × 1000 characters, each escaped twice (visible, then XML).
  junit: 2,
  // The whole result, copied once to put its keys in order.
  json: 3,
};
const AIM_MAX_GROWTH = 1.5;

/** 4 KiB of text a hostile server might send, as the harness keeps it. */
const ENTRY_TEXT = (
  '{"status":"OK","messages":{"x":["\u0000\u001b[31m]]><&\ud800\u202e' + 'é'.repeat(4000)
).slice(0, 4096);

function worstCaseRun(scenarioCount: number): RunResult {
  const scenarios: ScenarioResult[] = Array.from({ length: scenarioCount }, (_, i) => ({
    id: `auth/case-${i}`,
    title: `worst case ${i}`,
    group: 'AUTH',
    command: 'AUTH',
    requirements: ['AUTH-1', 'AUTH-3'],
    verdict: 'FAIL',
    reason: `the reply to request ${i} breaks the rule`,
    expected: 'status "ERROR"',
    actual: ENTRY_TEXT,
    step: 2,
    durationMs: 3,
    transcript: Array.from({ length: ENTRIES_PER_SCENARIO }, (_, j) => ({
      direction: j % 2 === 0 ? 'sent' : 'received',
      atMs: j,
      connection: 'messi',
      text: ENTRY_TEXT,
      bytes: 4096,
    })),
  }));
  return {
    schemaVersion: 1,
    tool: { name: 'chatspec', version: 'bench' },
    target: { address: '127.0.0.1:8889', embedded: true },
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    strict: false,
    timeoutMs: 2000,
    summary: { ...emptyCounts(), FAIL: scenarioCount },
    scenarios,
    requirements: [],
  };
}

function medianMs(work: () => unknown): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(ROUNDS / 2)]!;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

export const reportsSection: BenchSection = {
  name: 'reports',
  description: 'renderers on a worst-case report, against JSON.stringify of the same result',
  async run(): Promise<BenchResult> {
    const small = worstCaseRun(SMALL_SCENARIOS);
    const large = worstCaseRun(LARGE_SCENARIOS);
    const renderers: Readonly<Record<keyof typeof AIM_MAX_RATIO, (r: RunResult) => string>> = {
      console: (r) => renderConsole(r, { color: true }),
      junit: renderJunit,
      json: renderJson,
    };
    const baselineMs = medianMs(() => JSON.stringify(large));
    const baselineGrowth = baselineMs / medianMs(() => JSON.stringify(small));
    const figures: BenchFigure[] = [
      { name: 'baseline JSON.stringify, large run', value: round2(baselineMs), unit: 'ms' },
      {
        name: 'baseline growth, large run over small',
        value: round2(baselineGrowth),
        unit: `× (${LARGE_SCENARIOS / SMALL_SCENARIOS}× the scenarios)`,
      },
    ];
    const summary = [
      `${LARGE_SCENARIOS} FAIL scenarios × ${ENTRIES_PER_SCENARIO} transcript entries of 4 KiB ` +
        `(${SMALL_SCENARIOS} for the small run), median of ${ROUNDS} rounds`,
    ];
    let metAim = true;
    for (const name of ['console', 'junit', 'json'] as const) {
      const render = renderers[name];
      const largeMs = medianMs(() => render(large));
      const smallMs = medianMs(() => render(small));
      const ratio = largeMs / baselineMs;
      const growth = largeMs / smallMs / baselineGrowth;
      const aim = AIM_MAX_RATIO[name];
      const met = ratio <= aim && growth <= AIM_MAX_GROWTH;
      metAim &&= met;
      figures.push(
        { name: `${name}: time over baseline`, value: round2(ratio), unit: `× (aim ≤ ${aim})` },
        {
          name: `${name}: growth over the baseline's`,
          value: round2(growth),
          unit: `× (aim ≤ ${AIM_MAX_GROWTH})`,
        },
      );
      summary.push(`${name}: ${round2(largeMs)} ms for the large run${met ? '' : ' — aim missed'}`);
    }
    return { section: 'reports', figures, summary, metAim };
  },
};
