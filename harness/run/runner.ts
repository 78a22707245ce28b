/**
 * The conformance run: every selected scenario in order, a health probe after each, and a
 * RunResult at the end. It never prints and never exits; progress goes out through the
 * onStart / onScenario callbacks. A server that dies mid-run is noticed by the probe and the
 * remaining scenarios are reported as ERROR at once, so the report is complete and the run's
 * time stays bounded by scenarios × timeout.
 */
import { canonicalDialect, dialectDifferences } from '../../specs/index.js';
import { emptyCounts, type RunResult, type ScenarioResult } from '../result.js';
import { toolVersion } from '../package-root.js';
import type { Scenario } from '../scenario/types.js';
import type { Target } from './context.js';
import { resolveConformanceOptions, type ConformanceOptions } from './options.js';
import { canConnect, probe } from './probe.js';
import { requirementResults } from './requirements.js';
import { runScenario } from './scenario.js';
import { commandUnderTest } from '../scenario/command.js';

/** The target refused or ignored the first connection: nothing was tested (exit 2). */
export class TargetUnreachableError extends Error {
  override readonly name = 'TargetUnreachableError';
}

function notRun(
  scenario: Scenario,
  notRunKind: 'unreachable' | 'aborted',
  reason: string,
): ScenarioResult {
  return {
    id: scenario.id,
    title: scenario.title,
    group: scenario.group,
    command: commandUnderTest(scenario),
    requirements: scenario.requirements,
    verdict: 'ERROR',
    reason,
    notRun: notRunKind,
    durationMs: 0,
    transcript: [],
  };
}

export async function runConformance(options: ConformanceOptions): Promise<RunResult> {
  const resolved = await resolveConformanceOptions(options);
  const target: Target = {
    host: resolved.host,
    port: resolved.port,
    timeoutMs: resolved.timeoutMs,
    maxReplyBytes: resolved.maxReplyBytes,
    dialect: resolved.dialect,
    fixture: resolved.fixture,
  };
  const first = await canConnect(target);
  if (!first.alive)
    throw new TargetUnreachableError(`${resolved.address} is unreachable: ${first.reason}`);

  const startedAt = new Date();
  const started = performance.now();
  const { scenarios } = resolved;
  resolved.onStart?.({
    runId: resolved.runId,
    address: resolved.address,
    total: scenarios.length,
    scenarios: scenarios.map(({ id, title, group, requirements }) => ({
      id,
      title,
      group,
      requirements,
    })),
  });

  const results: ScenarioResult[] = [];
  let goneSince: string | undefined;
  for (const [index, scenario] of scenarios.entries()) {
    let result: ScenarioResult;
    if (resolved.signal?.aborted) {
      result = notRun(scenario, 'aborted', 'not run: the run was interrupted');
    } else if (goneSince !== undefined) {
      result = notRun(
        scenario,
        'unreachable',
        `not run: server unreachable since scenario ${goneSince}`,
      );
    } else {
      result = await runScenario(scenario, target, resolved.runId, index);
      if (index < scenarios.length - 1) {
        const health = await probe(target);
        if (!health.alive) goneSince = `${scenario.id} (${health.reason})`;
      }
    }
    results.push(result);
    resolved.onScenario?.(result, results.length, scenarios.length);
  }

  const summary = emptyCounts();
  for (const r of results) summary[r.verdict]++;
  return {
    schemaVersion: 1,
    tool: { name: 'chatspec', version: toolVersion() },
    target: { address: resolved.address, embedded: resolved.embedded },
    dialect: {
      name: resolved.dialect.name,
      source: resolved.dialect.spec.source ?? 'given',
      how: resolved.dialectHow,
      differences: dialectDifferences(resolved.dialect.spec, canonicalDialect.spec),
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    strict: resolved.strict,
    timeoutMs: resolved.timeoutMs,
    summary,
    scenarios: results,
    requirements: requirementResults(results),
  };
}
