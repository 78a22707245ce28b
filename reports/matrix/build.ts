/**
 * The class matrix: servers as columns, requirements as rows grouped by command, one verdict
 * per cell, a score per server. Built from each server's RunResult (a class run, or saved
 * report.json files for `chatspec compare`); every renderer (HTML, Markdown, CSV, JSON)
 * draws this one structure, so the formats cannot disagree.
 */
import type { Level } from '../../specs/index.js';
import type {
  JudgedOn,
  RequirementResult,
  RunResult,
  ScenarioGroup,
  Verdict,
  VerdictCounts,
} from '../../results/run.js';
import { compareRequirementIds, groupRequirements } from '../requirement-groups.js';
import { scoreOf, type Score } from '../score.js';

export const MATRIX_FORMAT = 'chatspec-matrix/1';

/** One server as the matrix gets it. */
export interface MatrixInput {
  readonly name: string;
  readonly address: string;
  readonly result?: RunResult;
  /** Why there is no result: the whole server is ERROR. */
  readonly error?: string;
  readonly notes?: readonly string[];
  /** Where that server's full HTML report is, relative to the matrix. */
  readonly reportHref?: string;
  readonly durationMs?: number;
}

export interface MatrixServer {
  readonly name: string;
  readonly address: string;
  readonly reportHref?: string;
  readonly error?: string;
  readonly notes: readonly string[];
  readonly summary?: VerdictCounts;
  readonly score?: Score;
  /** Points under the run's rubric, out of the same total for every server. */
  readonly points?: {
    readonly earned: number;
    readonly possible: number;
    readonly provisional: boolean;
  };
  readonly durationMs?: number;
  /** Whether the run fails by the must rule (FAIL or ERROR anywhere, or no run at all). */
  readonly failed: boolean;
}

/** A cell: the requirement's verdict for that server; null where its run did not report it. */
export type MatrixCell = Verdict | 'UNTESTED' | null;

export interface MatrixRow {
  readonly id: string;
  readonly level: Level;
  readonly text: string;
  readonly group: ScenarioGroup;
  /** One per server, in the servers' order. */
  readonly cells: readonly MatrixCell[];
  /** Per server: the commands the verdict rests on, where some commands could not be judged. */
  readonly judgedOn: readonly (JudgedOn | null)[];
}

export interface Matrix {
  readonly format: typeof MATRIX_FORMAT;
  readonly title: string;
  readonly servers: readonly MatrixServer[];
  readonly groups: ReadonlyArray<{
    readonly group: ScenarioGroup;
    readonly rows: readonly MatrixRow[];
  }>;
}

export function buildMatrix(
  inputs: readonly MatrixInput[],
  title = 'chatspec class matrix',
): Matrix {
  const byId = new Map<string, RequirementResult>();
  for (const input of inputs) {
    for (const req of input.result?.requirements ?? [])
      if (!byId.has(req.id)) byId.set(req.id, req);
  }
  const lookups = inputs.map(
    (input) => new Map((input.result?.requirements ?? []).map((r) => [r.id, r] as const)),
  );
  const servers = inputs.map((input): MatrixServer => {
    const result = input.result;
    return {
      name: input.name,
      address: input.address,
      ...(input.reportHref !== undefined ? { reportHref: input.reportHref } : {}),
      ...(input.error !== undefined ? { error: input.error } : {}),
      notes: input.notes ?? [],
      ...(result ? { summary: result.summary, score: scoreOf(result) } : {}),
      ...(result?.grade
        ? {
            points: {
              earned: result.grade.earned,
              possible: result.grade.possible,
              provisional: result.grade.provisional,
            },
          }
        : {}),
      ...(input.durationMs !== undefined ? { durationMs: input.durationMs } : {}),
      failed: result === undefined || result.summary.FAIL > 0 || result.summary.ERROR > 0,
    };
  });
  const groups = groupRequirements(
    [...byId.values()].sort((a, b) => compareRequirementIds(a.id, b.id)),
  ).map(({ group, requirements }) => ({
    group,
    rows: requirements.map((req): MatrixRow => ({
      id: req.id,
      level: req.level,
      text: req.text,
      group,
      // A server with no run at all is ERROR in every row: nothing of it could be judged.
      cells: inputs.map((input, i) =>
        input.result === undefined ? 'ERROR' : (lookups[i]!.get(req.id)?.verdict ?? null),
      ),
      judgedOn: inputs.map((_, i) => lookups[i]!.get(req.id)?.judgedOn ?? null),
    })),
  }));
  return { format: MATRIX_FORMAT, title, servers, groups };
}
