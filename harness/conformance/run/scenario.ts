/**
 * Runs one scenario on fresh connections and turns what happened into exactly one verdict,
 * with its evidence: the most severe check decides, and its step, reason, expected and
 * actual go into the result with the transcript of every byte.
 */
import { COMMAND_NAMES, isCommandName, type CommandName } from '../../../specs/index.js';
import type { TranscriptEntry } from '../../../results/transcript.js';
import { severity, type ScenarioResult } from '../../../results/run.js';
import { bindRoles } from '../roles/bind.js';
import { TemplateError } from '../scenario/template.js';
import type { Scenario, Step } from '../scenario/types.js';
import { attribute } from '../verify/attribution.js';
import { errorCheck, worst, type Check } from '../verify/check.js';
import { ScenarioContext, type Target } from './context.js';
import { runFloodStep, runRawStep, runRequestStep } from './steps.js';
import { commandUnderTest } from '../scenario/command.js';

interface Decided {
  readonly check: Check;
  readonly step: number;
  readonly note: string;
  /** Whether the step was preparation, and the command it sent (none for raw bytes). */
  readonly setup: boolean;
  readonly command: CommandName | undefined;
}

/**
 * Where a FAIL, an ERROR or a NON-STRICT was decided: what the runner needs to find its root
 * cause.
 */
export interface DecidedAt {
  /** The command the deciding step sent; none for raw bytes. */
  readonly command: CommandName | undefined;
  /** Whether that step only prepared the scenario, or sent a command it does not test. */
  readonly incidental: boolean;
  /** The check's own reason, without the step and without "could not set up". */
  readonly reason: string;
  /** What tells this fault from another with the same reason (see Check). */
  readonly fault?: string;
  readonly acrossCommands: boolean;
  /** Decided by the transport (silence, a close): never the same fault as another's. */
  readonly transport: boolean;
}

export interface ScenarioRun {
  readonly result: ScenarioResult;
  readonly decidedAt?: DecidedAt;
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
  counter: { n: number; ended?: string },
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
    const setup = step.kind === 'request' || step.kind === 'raw' ? step.setup : false;
    const command = step.kind === 'request' ? step.requests[0]?.command : undefined;
    for (const check of checks) {
      if (check.verdict !== 'PASS') decided.push({ check, step: n, note, setup, command });
      if (check.stop) {
        if (check.verdict === 'PASS') counter.ended = `step ${n} (${note}): ${check.reason}`;
        return false;
      }
    }
  }
  return true;
}

/** Every command a scenario sends by name, in protocol order. */
export function commandsUsed(scenario: Scenario): CommandName[] {
  const used = new Set<CommandName>();
  const walk = (steps: readonly Step[]): void => {
    for (const step of steps) {
      if (step.kind === 'forEach') walk(step.steps);
      else if (step.kind === 'request') for (const r of step.requests) used.add(r.command);
    }
  };
  walk(scenario.steps);
  return COMMAND_NAMES.filter((c) => used.has(c));
}

/** The preflight's exchange about these commands: the evidence of a verdict given before running. */
function preflightEvidence(target: Target, commands: readonly CommandName[]): TranscriptEntry[] {
  const names = new Set(commands.map((c) => `preflight-${c.toLowerCase()}`));
  return (target.knowledge?.transcript ?? []).filter((e) => names.has(e.connection));
}

function preflightReply(target: Target, command: CommandName): string {
  const received = preflightEvidence(target, [command]).filter((e) => e.direction === 'received');
  return received
    .map((e) => e.text)
    .join('')
    .trim();
}

/** The fields every result of this scenario starts with. */
export function resultHeader(
  scenario: Scenario,
): Pick<ScenarioResult, 'id' | 'title' | 'group' | 'command' | 'requirements'> {
  return {
    id: scenario.id,
    title: scenario.title,
    group: scenario.group,
    command: commandUnderTest(scenario),
    requirements: scenario.requirements,
  };
}

export async function runScenario(
  scenario: Scenario,
  target: Target,
  runId: string,
  index: number,
): Promise<ScenarioResult> {
  return (await runScenarioDetailed(scenario, target, runId, index)).result;
}

export async function runScenarioDetailed(
  scenario: Scenario,
  target: Target,
  runId: string,
  index: number,
): Promise<ScenarioRun> {
  const started = performance.now();
  const base = resultHeader(scenario);
  const bound = bindRoles(scenario.roles, target.fixture);
  if (!bound.ok) {
    return {
      result: {
        ...base,
        verdict: 'INFORMATIONAL',
        reason: `not run: ${bound.reason}`,
        notRun: 'fixture',
        durationMs: 0,
        transcript: [],
      },
    };
  }
  // Commands the preflight found missing decide before anything is sent: the scenario's own
  // command is UNIMPLEMENTED; one it merely needs makes it not checkable.
  const absent = new Set([
    ...(target.knowledge?.absent ?? []),
    ...COMMAND_NAMES.filter((c) => !target.dialect.supports(c)),
  ]);
  const own = isCommandName(scenario.group) ? scenario.group : undefined;
  if (own !== undefined && absent.has(own)) {
    const verb = own.toLowerCase();
    return {
      result: {
        ...base,
        verdict: 'UNIMPLEMENTED',
        reason: target.dialect.supports(own)
          ? `the server answers ${verb} as an unknown command (seen before the run, with "${verb}" and no params)`
          : `the dialect says the server does not have ${verb} (${target.dialect.ruleAt(`commands.${own}`)})`,
        actual: preflightReply(target, own),
        durationMs: 0,
        transcript: preflightEvidence(target, [own]),
      },
    };
  }
  const missing = commandsUsed(scenario).filter((c) => absent.has(c));
  if (missing.length > 0) {
    const names = missing.map((c) => c.toLowerCase()).join(', ');
    return {
      result: {
        ...base,
        verdict: 'INFORMATIONAL',
        reason: `not checkable: it needs ${names}, which the server ${missing.every((c) => target.dialect.supports(c)) ? 'answers as an unknown command (seen before the run)' : 'does not have'}; ${missing.length === 1 ? 'its' : 'their'} own scenarios report ${missing.length === 1 ? 'it' : 'them'} UNIMPLEMENTED`,
        actual: missing.map((c) => `${c.toLowerCase()}: ${preflightReply(target, c)}`).join('; '),
        notRun: 'unsupported',
        missingCommands: missing,
        durationMs: 0,
        transcript: preflightEvidence(target, missing),
      },
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
  const counter: { n: number; ended?: string } = { n: 0 };
  try {
    await runSteps(ctx, scenario.steps, counter, decided);
  } finally {
    ctx.closeAll();
  }
  let top = worst(decided.map((d) => d.check));
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (top === undefined) {
    return {
      result: {
        ...base,
        verdict: 'PASS',
        reason: counter.ended ?? `${counter.n} step${counter.n === 1 ? '' : 's'} as expected`,
        judged: attribute(scenario.requirements, []),
        durationMs,
        transcript: ctx.transcript.entries,
      },
    };
  }
  // A command it needs is missing: what ran is kept as evidence, but only a real fault
  // found before that point (a FAIL or an ERROR) outranks "not checkable".
  const lacking = decided.find((d) => d.check.unsupported !== undefined);
  if (lacking !== undefined && severity(top.verdict) <= severity('UNIMPLEMENTED')) {
    top = lacking.check;
  }
  const at = decided.find((d) => d.check === top)!;
  const result: ScenarioResult = {
    ...base,
    verdict: top.verdict,
    reason: `step ${at.step} (${at.note}): ${top.reason}`,
    ...(top.expected !== undefined ? { expected: top.expected } : {}),
    ...(top.actual !== undefined ? { actual: top.actual } : {}),
    step: at.step,
    judged: attribute(
      scenario.requirements,
      decided.map((d) => d.check),
    ),
    durationMs,
    transcript: ctx.transcript.entries,
    ...(top.unsupported !== undefined
      ? { notRun: 'unsupported' as const, missingCommands: [top.unsupported] }
      : {}),
  };
  const acrossCommands = top.acrossCommands === true;
  const command = top.command ?? at.command;
  if (
    (top.verdict !== 'FAIL' && top.verdict !== 'ERROR' && top.verdict !== 'NON-STRICT') ||
    (command === undefined && !acrossCommands)
  ) {
    return { result };
  }
  return {
    result,
    decidedAt: {
      command,
      incidental: at.setup || command !== commandUnderTest(scenario),
      reason: top.reason.replace(/^(reply \d+ of \d+: )?could not set up: /, '$1'),
      ...(top.fault !== undefined ? { fault: top.fault } : {}),
      acrossCommands,
      transport: top.transport === true,
    },
  };
}
