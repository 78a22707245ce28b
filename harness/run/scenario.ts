/**
 * Runs one scenario on fresh connections and turns what happened into exactly one verdict,
 * with its evidence: the most severe check decides, and its step, reason, expected and
 * actual go into the result with the transcript of every byte.
 */
import type { ScenarioResult } from '../result.js';
import { bindRoles } from '../roles/bind.js';
import { TemplateError } from '../scenario/template.js';
import type { Scenario, Step } from '../scenario/types.js';
import { errorCheck, worst, type Check } from '../verify/check.js';
import { ScenarioContext, type Target } from './context.js';
import { runFloodStep, runRawStep, runRequestStep } from './steps.js';
import { commandUnderTest } from '../scenario/command.js';

interface Decided {
  readonly check: Check;
  readonly step: number;
  readonly note: string;
}

/** A scenario's tag: unique in the run, fixed width so that no tag contains another. */
export function scenarioTag(runId: string, index: number): string {
  return `${runId}-${String(index).padStart(4, '0')}`;
}

async function runLeaf(
  ctx: ScenarioContext,
  step: Exclude<Step, { kind: 'forEach' }>,
): Promise<Check[]> {
  switch (step.kind) {
    case 'request':
      return runRequestStep(ctx, step);
    case 'raw':
      return runRawStep(ctx, step);
    case 'flood':
      return runFloodStep(ctx, step);
    case 'close':
      ctx.closeConnection(step.conn);
      return [];
  }
}

/** Runs the steps in order; returns the decisive check (or the worst non-decisive one). */
async function runSteps(
  ctx: ScenarioContext,
  steps: readonly Step[],
  counter: { n: number },
  decided: Decided[],
): Promise<boolean> {
  for (const step of steps) {
    if (step.kind === 'forEach') {
      const group = ctx.bindings.get(step.group);
      if (group?.kind !== 'group') throw new Error(`forEach: ${step.group} is not a bound group`);
      const except = step.except === undefined ? undefined : ctx.bindings.get(step.except);
      for (const member of group.group.members) {
        if (except?.kind === 'user' && except.user.username === member) continue;
        const user = ctx.target.fixture.users.find((u) => u.username === member);
        if (user === undefined) continue;
        ctx.bindings.set(step.as, { kind: 'user', user });
        const goOn = await runSteps(ctx, step.steps, counter, decided);
        ctx.bindings.delete(step.as);
        if (!goOn) return false;
      }
      continue;
    }
    const n = ++counter.n;
    let note = step.note;
    try {
      note = ctx.fill(step.note);
    } catch (error) {
      // A note naming a value not yet saved stays as written; the step itself reports it.
      if (!(error instanceof TemplateError)) throw error;
    }
    ctx.transcript.record('event', step.conn, `step ${n}: ${note}`);
    let checks: Check[];
    try {
      checks = await runLeaf(ctx, step);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      // A value the scenario needs was never saved: the scenario's mistake, reported as such.
      checks = [errorCheck(`scenario error: ${error.message}`)];
    }
    for (const check of checks) {
      if (check.verdict !== 'PASS') decided.push({ check, step: n, note });
      if (check.stop) return false;
    }
  }
  return true;
}

export async function runScenario(
  scenario: Scenario,
  target: Target,
  runId: string,
  index: number,
): Promise<ScenarioResult> {
  const started = performance.now();
  const base = {
    id: scenario.id,
    title: scenario.title,
    group: scenario.group,
    command: commandUnderTest(scenario),
    requirements: scenario.requirements,
  };
  const bound = bindRoles(scenario.roles, target.fixture);
  if (!bound.ok) {
    return {
      ...base,
      verdict: 'INFORMATIONAL',
      reason: `not run: ${bound.reason}`,
      notRun: 'fixture',
      durationMs: 0,
      transcript: [],
    };
  }
  const ctx = new ScenarioContext(
    scenario,
    target,
    bound.bindings,
    runId,
    scenarioTag(runId, index),
  );
  const decided: Decided[] = [];
  const counter = { n: 0 };
  try {
    await runSteps(ctx, scenario.steps, counter, decided);
  } finally {
    ctx.closeAll();
  }
  const top = worst(decided.map((d) => d.check));
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (top === undefined) {
    return {
      ...base,
      verdict: 'PASS',
      reason: `${counter.n} step${counter.n === 1 ? '' : 's'} as expected`,
      durationMs,
      transcript: ctx.transcript.entries,
    };
  }
  const at = decided.find((d) => d.check === top)!;
  return {
    ...base,
    verdict: top.verdict,
    reason: `step ${at.step} (${at.note}): ${top.reason}`,
    ...(top.expected !== undefined ? { expected: top.expected } : {}),
    ...(top.actual !== undefined ? { actual: top.actual } : {}),
    step: at.step,
    durationMs,
    transcript: ctx.transcript.entries,
  };
}
