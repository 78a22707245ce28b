/**
 * The mutation score: the harness runs against the reference server built with each defect
 * in turn, and a defect counts as caught when a scenario whose requirements name what the
 * defect breaks gets a catching verdict. FAIL, ERROR and UNIMPLEMENTED always catch;
 * NON-STRICT catches only a defect that breaks nothing but SHOULDs or an error's wording.
 * The clean server is run too: it must get nothing but PASS and INFORMATIONAL. A variation
 * the protocol allows (an `allowed` defect) is not to be caught but left alone: it must get
 * no FAIL and no ERROR.
 *
 * Returns data and never prints; bench/sections/mutation.ts and the tests read it.
 */
import { tcpDialer } from '../../net/index.js';
import { requirementById, type RequirementId } from '../../specs/index.js';
import { runConformance } from '../../harness/index.js';
import {
  foundVerdict,
  type ScenarioResult,
  type Verdict,
  type VerdictCounts,
} from '../../results/index.js';
import { DEFECTS, startServer, type Defect } from '../../reference-server/index.js';

export interface Catch {
  readonly scenario: string;
  readonly verdict: Verdict;
  /** The scenario's requirements that the defect breaks. */
  readonly requirements: readonly RequirementId[];
}

export interface DefectScore {
  readonly defect: string;
  /** As given to the server, with any param (`slow-replies=3000`). */
  readonly spec: string;
  readonly caught: boolean;
  /** An allowed variation: scored by `unfair`, never by `caught`. */
  readonly allowed: boolean;
  /** For an allowed variation: the scenarios that FAIL or ERROR on it (a checker's unfairness). */
  readonly unfair: readonly string[];
  /** Scenarios that caught it, most severe verdict first. */
  readonly catches: readonly Catch[];
  /** Other scenarios that did not pass (side effects of the defect, or noise). */
  readonly otherFindings: number;
  readonly summary: VerdictCounts;
  readonly durationMs: number;
}

export interface MutationScore {
  readonly scores: readonly DefectScore[];
  /** Defects caught, of `total` (allowed variations not counted). */
  readonly caught: number;
  readonly total: number;
  /** Allowed variations that got a FAIL or ERROR somewhere. */
  readonly unfairToAllowed: number;
}

export interface MutationOptions {
  /** Defect names to score; every defect by default. */
  readonly defects?: readonly string[];
  /** The harness's per-scenario timeout; small, since hangs and slow replies wait it out. */
  readonly timeoutMs?: number;
  /** Defects scored at once, each against its own server. */
  readonly concurrency?: number;
  readonly onScore?: (score: DefectScore) => void;
}

export const MUTATION_TIMEOUT_MS = 1_000;

const VERDICT_ORDER: readonly Verdict[] = ['ERROR', 'FAIL', 'UNIMPLEMENTED', 'NON-STRICT'];

/** The verdicts that count as catching `defect`. */
export function catchingVerdicts(defect: Defect): ReadonlySet<Verdict> {
  const shouldOnly =
    defect.onlyErrorText === true ||
    defect.breaks.every((id) => requirementById(id)?.level !== 'MUST');
  return new Set<Verdict>(
    shouldOnly
      ? ['FAIL', 'ERROR', 'UNIMPLEMENTED', 'NON-STRICT']
      : ['FAIL', 'ERROR', 'UNIMPLEMENTED'],
  );
}

/** How a defect is set up for scoring: a slow reply must be slower than the harness waits. */
export function mutationSpec(defect: Defect, timeoutMs: number): string {
  return defect.name === 'slow-replies' ? `${defect.name}=${timeoutMs * 3}` : defect.name;
}

export function judge(
  defect: Defect,
  scenarios: readonly ScenarioResult[],
): {
  catches: Catch[];
  otherFindings: number;
} {
  const catching = catchingVerdicts(defect);
  const catches: Catch[] = [];
  let otherFindings = 0;
  for (const folded of scenarios) {
    // A scenario folded into another's finding of the same fault caught it just as well.
    const s = { ...folded, verdict: foundVerdict(folded) };
    if (s.verdict === 'PASS' || s.verdict === 'INFORMATIONAL') continue;
    if (defect.allowed === true) {
      otherFindings++;
      continue;
    }
    const named = s.requirements.filter((id) => defect.breaks.includes(id));
    if (named.length > 0 && catching.has(s.verdict)) {
      catches.push({ scenario: s.id, verdict: s.verdict, requirements: named });
    } else {
      otherFindings++;
    }
  }
  catches.sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
  return { catches, otherFindings };
}

export async function scoreDefect(
  defect: Defect,
  timeoutMs = MUTATION_TIMEOUT_MS,
): Promise<DefectScore> {
  const spec = mutationSpec(defect, timeoutMs);
  const server = await startServer({ port: 0, defects: [spec] });
  const started = performance.now();
  try {
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs,
      embedded: true,
    });
    const { catches, otherFindings } = judge(defect, result.scenarios);
    const allowed = defect.allowed === true;
    return {
      defect: defect.name,
      spec,
      caught: !allowed && catches.length > 0,
      allowed,
      unfair: allowed
        ? result.scenarios
            .filter((s) => s.verdict === 'FAIL' || s.verdict === 'ERROR')
            .map((s) => `${s.id} [${s.verdict}]`)
        : [],
      catches,
      otherFindings,
      summary: result.summary,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await server.close();
  }
}

export async function runMutation(options: MutationOptions = {}): Promise<MutationScore> {
  const wanted = options.defects;
  const defects = wanted === undefined ? DEFECTS : DEFECTS.filter((d) => wanted.includes(d.name));
  const unknown = (wanted ?? []).filter((name) => !DEFECTS.some((d) => d.name === name));
  if (unknown.length > 0) throw new RangeError(`unknown defect(s): ${unknown.join(', ')}`);
  const scores: DefectScore[] = new Array<DefectScore>(defects.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < defects.length) {
      const index = next++;
      const score = await scoreDefect(defects[index]!, options.timeoutMs);
      scores[index] = score;
      options.onScore?.(score);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const scored = scores.filter((s) => !s.allowed);
  return {
    scores,
    caught: scored.filter((s) => s.caught).length,
    total: scored.length,
    unfairToAllowed: scores.filter((s) => s.allowed && s.unfair.length > 0).length,
  };
}

export interface CleanRuns {
  readonly runs: number;
  /** Every scenario result other than PASS or INFORMATIONAL, with the run it came from. */
  readonly findings: ReadonlyArray<{
    readonly run: number;
    readonly scenario: string;
    readonly verdict: Verdict;
    readonly reason: string;
  }>;
}

/** Runs the harness against the clean reference server `runs` times, one after another. */
export async function runClean(runs: number, timeoutMs?: number): Promise<CleanRuns> {
  const findings: Array<CleanRuns['findings'][number]> = [];
  for (let run = 1; run <= runs; run++) {
    const server = await startServer({ port: 0 });
    try {
      const result = await runConformance({
        dialer: tcpDialer('127.0.0.1', server.port),
        embedded: true,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
      for (const s of result.scenarios) {
        if (s.verdict !== 'PASS' && s.verdict !== 'INFORMATIONAL') {
          findings.push({ run, scenario: s.id, verdict: s.verdict, reason: s.reason });
        }
      }
    } finally {
      await server.close();
    }
  }
  return { runs, findings };
}
