/**
 * junit.xml, for CI test-report consumers (Jenkins' JUnit plugin, GitLab's unit_test_reports,
 * the GitHub Actions JUnit reporters). One <testsuite> per report group, one <testcase> per
 * scenario; counts on every suite and on <testsuites>. All text goes through xml.ts, so a
 * hostile server's bytes (NUL, ANSI escapes, `]]>`, `<`, `&`) cannot break the file.
 */
import {
  emptyCounts,
  runFailed,
  type RunResult,
  type ScenarioResult,
  type Verdict,
} from '../results/run.js';
import { JUNIT_EVIDENCE, evidenceLines, serverOutputLines } from './evidence.js';
import { formatTarget } from './format.js';
import { groupScenarios } from './groups.js';
import { visible, visibleBounded } from './visible.js';
import { xmlCdata, xmlOpenTag } from './xml.js';

/**
 * How a verdict shows in JUnit. The rule: a test case is red exactly when its verdict makes
 * the run fail (results/run.ts `runFailed`, the same rule as the exit code), so CI's page
 * and CI's status never disagree.
 * - FAIL → <failure>; ERROR → <error> (the check could not be carried out).
 * - UNIMPLEMENTED → <skipped> by default: the server does not have the command, so the checks
 *   could not run. Reporting it as a failure would show red tests on a green run; reporting it
 *   as a pass would claim a command works that was never exercised. "Skipped" is what it is,
 *   and every consumer counts and lists skipped cases. Under --strict it fails the run, so it
 *   is a <failure>.
 * - NON-STRICT, INFORMATIONAL → passed, with a <system-out> note; under --strict NON-STRICT
 *   fails the run and so is a <failure> too.
 * - A scenario that did not run (`notRun`, e.g. the fixture lacks a group it needs) is
 *   <skipped> for the same reason as UNIMPLEMENTED, unless its verdict fails the run.
 * - A scenario that failed the same way as another (`sameFaultAs`) is <skipped>, naming it:
 *   the fault is one failure, on the case that reports it.
 */
export type JunitOutcome = 'passed' | 'noted' | 'skipped' | 'failure' | 'error';

export function junitOutcome(
  verdict: Verdict,
  strict: boolean,
  notRun?: ScenarioResult['notRun'],
  sameFault = false,
): JunitOutcome {
  if (verdict === 'ERROR') return 'error';
  // Folded into another case's finding: that case fails or errors; this one is not a pass.
  if (sameFault) return 'skipped';
  if (runFailed({ ...emptyCounts(), [verdict]: 1 }, strict)) return 'failure';
  // A scenario that did not run proves nothing: never a pass, whatever its verdict.
  if (notRun !== undefined || verdict === 'UNIMPLEMENTED') return 'skipped';
  return verdict === 'PASS' ? 'passed' : 'noted';
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function countOutcomes(scenarios: readonly ScenarioResult[], strict: boolean): SuiteCounts {
  const counts: SuiteCounts = { tests: scenarios.length, failures: 0, errors: 0, skipped: 0 };
  for (const scenario of scenarios) {
    const outcome = junitOutcome(
      scenario.verdict,
      strict,
      scenario.notRun,
      scenario.sameFaultAs !== undefined,
    );
    if (outcome === 'failure') counts.failures++;
    else if (outcome === 'error') counts.errors++;
    else if (outcome === 'skipped') counts.skipped++;
  }
  return counts;
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(3);
}

function body(scenario: ScenarioResult, strict: boolean): string {
  const lines = [
    `${scenario.verdict} ${visible(scenario.id)} [${scenario.requirements.join(', ')}]`,
    ...evidenceLines(scenario, JUNIT_EVIDENCE),
  ];
  if (strict && (scenario.verdict === 'NON-STRICT' || scenario.verdict === 'UNIMPLEMENTED')) {
    lines.push(`(${scenario.verdict} fails the run because it ran with --strict)`);
  }
  return lines.join('\n');
}

function testcase(scenario: ScenarioResult, classname: string, strict: boolean): string[] {
  const attributes = {
    // A test name is one line in every CI view: no line break or control character in it.
    name: visible(`${scenario.id}: ${scenario.title}`),
    classname,
    time: seconds(scenario.durationMs),
  };
  const outcome = junitOutcome(
    scenario.verdict,
    strict,
    scenario.notRun,
    scenario.sameFaultAs !== undefined,
  );
  if (outcome === 'passed') {
    // A passing scenario still shows what a launched server printed meanwhile.
    const printed = serverOutputLines(scenario, JUNIT_EVIDENCE);
    if (printed.length === 0) return [`    ${xmlOpenTag('testcase', attributes, true)}`];
    return [
      `    ${xmlOpenTag('testcase', attributes)}`,
      `      <system-out>${xmlCdata(printed.join('\n'))}</system-out>`,
      '    </testcase>',
    ];
  }
  const message = `${scenario.verdict}: ${visibleBounded(scenario.reason, JUNIT_EVIDENCE.maxFieldChars)}`;
  const text = body(scenario, strict);
  const inner =
    outcome === 'failure' || outcome === 'error'
      ? `${xmlOpenTag(outcome, { message, type: scenario.verdict })}${xmlCdata(text)}</${outcome}>`
      : outcome === 'skipped'
        ? `${xmlOpenTag('skipped', { message }, true)}\n      <system-out>${xmlCdata(text)}</system-out>`
        : `<system-out>${xmlCdata(text)}</system-out>`;
  return [`    ${xmlOpenTag('testcase', attributes)}`, `      ${inner}`, '    </testcase>'];
}

function properties(result: RunResult): string[] {
  const entries: [string, string][] = [
    ['chatspec.version', result.tool.version],
    ['target', formatTarget(result.target)],
    ['strict', String(result.strict)],
    ['timeoutMs', String(result.timeoutMs)],
    ['schemaVersion', String(result.schemaVersion)],
  ];
  return [
    '    <properties>',
    ...entries.map(([name, value]) => `      ${xmlOpenTag('property', { name, value }, true)}`),
    '    </properties>',
  ];
}

function countAttributes(counts: SuiteCounts, durationMs: number): Record<string, string | number> {
  return { ...counts, time: seconds(durationMs) };
}

export function renderJunit(result: RunResult): string {
  const suites = groupScenarios(result.scenarios);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlOpenTag('testsuites', {
      name: `chatspec against ${formatTarget(result.target)}`,
      ...countAttributes(countOutcomes(result.scenarios, result.strict), result.durationMs),
      timestamp: result.startedAt,
    }),
  ];
  for (const { group, scenarios } of suites) {
    const classname = `chatspec.${group}`;
    const durationMs = scenarios.reduce((sum, scenario) => sum + scenario.durationMs, 0);
    lines.push(
      `  ${xmlOpenTag('testsuite', {
        name: classname,
        ...countAttributes(countOutcomes(scenarios, result.strict), durationMs),
        timestamp: result.startedAt,
      })}`,
      ...properties(result),
      ...scenarios.flatMap((scenario) => testcase(scenario, classname, result.strict)),
      '  </testsuite>',
    );
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
