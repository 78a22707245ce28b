/**
 * The requirements section of the console report: every requirement's aggregated verdict in
 * a grid, MUSTs first, then the text of each requirement the server broke, so a reader sees
 * which rule failed without opening PROTOCOL.md.
 */
import type { Level } from '../specs/index.js';
import {
  culpritsOf,
  describeJudgedOn,
  type RequirementResult,
  type RunResult,
  type ScenarioResult,
} from '../results/run.js';
import { paint, paintVerdict } from './style.js';
import { visible, visibleBounded } from './visible.js';

const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];
/** Grid width, so the section fits an 80-column terminal. */
const MAX_LINE_CHARS = 80;
const INDENT = '    ';
const GAP = '  ';

interface GridWidths {
  readonly idWidth: number;
  readonly verdictWidth: number;
}

/** One set of widths for every level, so the grids line up under each other. */
function gridWidths(requirements: readonly RequirementResult[]): GridWidths {
  return {
    idWidth: Math.max(...requirements.map((req) => visible(req.id).length)),
    verdictWidth: Math.max(...requirements.map((req) => req.verdict.length)),
  };
}

function grid(
  requirements: readonly RequirementResult[],
  { idWidth, verdictWidth }: GridWidths,
  color: boolean,
): string[] {
  const cellWidth = idWidth + 1 + verdictWidth;
  const perRow = Math.max(
    1,
    Math.floor((MAX_LINE_CHARS - INDENT.length + GAP.length) / (cellWidth + GAP.length)),
  );
  const lines: string[] = [];
  for (let start = 0; start < requirements.length; start += perRow) {
    const cells = requirements.slice(start, start + perRow).map((req, i, row) => {
      const pad = i === row.length - 1 ? '' : ' '.repeat(verdictWidth - req.verdict.length);
      return `${visible(req.id).padEnd(idWidth)} ${paintVerdict(req.verdict, req.verdict, color)}${pad}`;
    });
    lines.push(INDENT + cells.join(GAP));
  }
  return lines;
}

/** `label id id id…` wrapped under INDENT to MAX_LINE_CHARS, continuation lines indented. */
function wrap(
  label: string,
  ids: readonly string[],
  paintLabel: (text: string) => string,
): string[] {
  const lines: string[] = [];
  let line = INDENT + paintLabel(label);
  // Measured without the colour codes: what shows on the screen.
  let shown = INDENT.length + label.length;
  for (const id of ids) {
    if (shown + 1 + id.length > MAX_LINE_CHARS) {
      lines.push(line);
      line = `${INDENT}  ${id}`;
      shown = line.length;
    } else {
      line += ` ${id}`;
      shown += 1 + id.length;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Verdicts that mean a rule was not met: a MUST broken or a SHOULD missed. ERROR is left
 * out: it says the check could not be made, which the scenario list already explains.
 */
const NOT_MET = new Set<RequirementResult['verdict']>(['FAIL', 'NON-STRICT']);

/** The scenarios that gave a requirement its verdict (those as severe as the aggregate). */
function culprits(req: RequirementResult, scenarios: ReadonlyMap<string, ScenarioResult>): string {
  return culpritsOf(req, scenarios)
    .map((id) => visible(id))
    .join(', ');
}

export function renderRequirementsSection(result: RunResult, color: boolean): string[] {
  const { requirements } = result;
  if (requirements.length === 0) return [];
  const lines = [paint(`Requirements (${requirements.length})`, 'bold', color)];
  const widths = gridWidths(requirements.filter((req) => req.verdict !== 'UNTESTED'));
  const levels = [
    ...LEVELS,
    ...new Set(requirements.map((req) => req.level).filter((l) => !LEVELS.includes(l))),
  ];
  for (const level of levels) {
    const atLevel = requirements.filter((req) => req.level === level);
    if (atLevel.length === 0) continue;
    const tested = atLevel.filter((req) => req.verdict !== 'UNTESTED');
    const untested = atLevel.filter((req) => req.verdict === 'UNTESTED');
    lines.push(`  ${level} (${atLevel.length})`);
    if (tested.length > 0) lines.push(...grid(tested, widths, color));
    // A filtered run leaves most requirements untested: one wrapped list, not a grid of them.
    if (untested.length > 0) {
      lines.push(
        ...wrap(
          `UNTESTED (${untested.length}):`,
          untested.map((req) => visible(req.id)),
          (text) => paintVerdict(text, 'UNTESTED', color),
        ),
      );
    }
  }
  // A verdict that rests on some commands only says so, so no reader takes it for all eight.
  const partial = requirements.filter((req) => req.judgedOn !== undefined);
  if (partial.length > 0) {
    lines.push('  Judged on some commands only (the others are missing):');
    for (const req of partial) {
      lines.push(
        `    ${visible(req.id)} ${paintVerdict(req.verdict, req.verdict, color)}: ${describeJudgedOn(req.judgedOn!)}`,
      );
    }
  }
  const notMet = levels.flatMap((level) =>
    requirements.filter((req) => req.level === level && NOT_MET.has(req.verdict)),
  );
  if (notMet.length > 0) {
    const byId = new Map(result.scenarios.map((scenario) => [scenario.id, scenario]));
    const verdictWidth = Math.max(...notMet.map((req) => req.verdict.length));
    lines.push('  Not met:');
    for (const req of notMet) {
      const scenarios = culprits(req, byId);
      const pad = ' '.repeat(verdictWidth - req.verdict.length);
      lines.push(
        `    ${paintVerdict(req.verdict, req.verdict, color)}${pad} ${visible(req.id)} (${req.level}): ` +
          `${visibleBounded(req.text, 200)}${scenarios === '' ? '' : ` [${visibleBounded(scenarios, 120)}]`}`,
      );
    }
  }
  return lines;
}
