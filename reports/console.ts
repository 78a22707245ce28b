/**
 * The console report: scenarios grouped by command, each on one line with its verdict; the
 * evidence under every verdict other than PASS; the requirements; one summary line. Pure:
 * the CLI decides where the text goes.
 */
import type { RunResult, ScenarioResult } from '../results/run.js';
import { renderRequirementsSection } from './console-requirements.js';
import { CONSOLE_EVIDENCE, TRANSCRIPT_LEGEND, evidenceLines } from './evidence.js';
import { countVerdicts, formatCounts, formatSeconds, formatTarget, plural } from './format.js';
import { groupScenarios, groupSummary } from './groups.js';
import { VERDICT_WIDTH, paint, paintVerdict } from './style.js';
import { visible } from './visible.js';

export interface ConsoleOptions {
  readonly color: boolean;
}

/** Widths the id and requirement columns are padded to at most. */
const MAX_ID_CHARS = 40;
const MAX_REQUIREMENTS_CHARS = 28;
const DETAIL_INDENT = '      ';

function header(result: RunResult, color: boolean): string[] {
  const lines = [
    paint(
      `${visible(result.tool.name)} ${visible(result.tool.version)} conformance run against ${formatTarget(result.target)}`,
      'bold',
      color,
    ),
    `started ${visible(result.startedAt)}, reply timeout ${result.timeoutMs} ms, ` +
      (result.strict ? 'strict (NON-STRICT and UNIMPLEMENTED fail the run)' : 'not strict'),
  ];
  const learned = preflightLine(result);
  if (learned !== undefined) lines.push(learned);
  if (result.scenarios.some((scenario) => scenario.verdict !== 'PASS')) {
    lines.push(`transcripts: ${TRANSCRIPT_LEGEND}`);
  }
  return lines;
}

/** What the preflight learned that changes how the run reads, said once; nothing if nothing. */
export function preflightLine(result: RunResult): string | undefined {
  const p = result.preflight;
  if (p === undefined) return undefined;
  const parts: string[] = [];
  if (p.absentCommands.length > 0) {
    parts.push(
      `lacks ${p.absentCommands.map((c) => c.toLowerCase()).join(', ')} (answered like a made-up verb)`,
    );
  }
  if (p.login === 'token-under-key' && p.tokenKey !== undefined) {
    parts.push(`keeps the token under ${JSON.stringify(p.tokenKey)} (used for every scenario)`);
  }
  if (p.login === 'impossible' && p.loginProblem !== undefined) {
    parts.push(`no session could be had: ${p.loginProblem}`);
  }
  return parts.length === 0
    ? undefined
    : `server (learned before the run): ${visible(parts.join('; '))}`;
}

function scenarioLines(scenarios: readonly ScenarioResult[], color: boolean): string[] {
  // Ids and requirement ids are shown whole (a reader copies them into --only); only the
  // column they are padded to is capped, so one long id does not push every title away.
  const ids = scenarios.map((s) => visible(s.id));
  const reqs = scenarios.map((s) => visible(s.requirements.join(',')));
  const idWidth = Math.min(MAX_ID_CHARS, Math.max(...ids.map((id) => id.length)));
  const reqWidth = Math.min(MAX_REQUIREMENTS_CHARS, Math.max(...reqs.map((req) => req.length)));
  // A command the server lacks makes every scenario of it UNIMPLEMENTED for one reason: the
  // evidence is shown once, under the first, and the others point to it.
  const firstUnimplemented = new Map<string, string>();
  return scenarios.flatMap((scenario, i) => {
    const verdict =
      paintVerdict(scenario.verdict, scenario.verdict, color) +
      ' '.repeat(VERDICT_WIDTH - scenario.verdict.length);
    const line = `  ${verdict}  ${ids[i]!.padEnd(idWidth)}  ${reqs[i]!.padEnd(reqWidth)}  ${visible(scenario.title)}`;
    if (scenario.verdict === 'PASS') return [line.trimEnd()];
    const command = scenario.command;
    if (scenario.verdict === 'UNIMPLEMENTED' && scenario.notRun === undefined && command) {
      const first = firstUnimplemented.get(command);
      if (first !== undefined) return [line.trimEnd(), `${DETAIL_INDENT}the same as ${first}`];
      firstUnimplemented.set(command, ids[i]!);
    }
    // Folded into another scenario's finding: the reason names it, and the evidence is there.
    if (
      scenario.sameFaultAs !== undefined ||
      (scenario.notRun === 'blocked' && scenario.verdict === 'INFORMATIONAL')
    ) {
      return [line.trimEnd(), `${DETAIL_INDENT}${visible(scenario.reason)}`];
    }
    const evidence = evidenceLines(scenario, CONSOLE_EVIDENCE).map((l) => DETAIL_INDENT + l);
    return [line.trimEnd(), ...evidence];
  });
}

/** `64 scenarios: 61 PASS, 2 NON-STRICT, 1 FAIL (1.23 s) against 127.0.0.1:8889`. */
export function renderSummaryLine(result: RunResult, color: boolean): string {
  const counts = formatCounts(result.summary, color);
  const notRun = result.scenarios.filter((scenario) => scenario.notRun !== undefined).length;
  const folded = result.scenarios.filter((scenario) => scenario.sameFaultAs !== undefined).length;
  return (
    `${plural(result.scenarios.length, 'scenario')}${counts === '' ? '' : `: ${counts}`}` +
    `${notRun > 0 ? `; ${notRun} not run` : ''}` +
    `${folded > 0 ? `; ${folded} the same fault as another, reported once` : ''} ` +
    `(${formatSeconds(result.durationMs)}) against ${formatTarget(result.target)}`
  );
}

/** A launched server's process over the run, in one line; none for a server only dialed. */
export function processLine(result: RunResult): string | undefined {
  const p = result.process;
  if (p === undefined) return undefined;
  const mib = (bytes: number | undefined): string =>
    bytes === undefined ? '?' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const exits =
    p.exits.length === 0
      ? 'no exit'
      : `${plural(p.exits.length, 'exit')} (first in ${visible(p.exits[0]!.scenario)}), ${plural(p.restarts, 'restart')}`;
  const idle =
    p.idleCpu === undefined
      ? 'idle CPU not measured'
      : `idle CPU ${p.idleCpu.cpuSeconds.toFixed(2)} s in ${(p.idleCpu.windowMs / 1000).toFixed(1)} s`;
  return `server process: ${exits}; memory ${mib(p.memoryAtStartBytes)} at start, ${mib(p.memoryAtEndBytes)} at end; ${idle}`;
}

export function renderConsole(result: RunResult, options: ConsoleOptions): string {
  const { color } = options;
  const lines = header(result, color);
  for (const { group, scenarios } of groupScenarios(result.scenarios)) {
    lines.push(
      '',
      `${paint(visible(group), 'bold', color)} — ${groupSummary(group)} ` +
        `(${formatCounts(countVerdicts(scenarios), color)})`,
      ...scenarioLines(scenarios, color),
    );
  }
  const requirements = renderRequirementsSection(result, color);
  if (requirements.length > 0) lines.push('', ...requirements);
  const process = processLine(result);
  if (process !== undefined) lines.push('', process);
  lines.push('', renderSummaryLine(result, color));
  return `${lines.join('\n')}\n`;
}
