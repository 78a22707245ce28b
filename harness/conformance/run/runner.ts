/**
 * The conformance run: every selected scenario in order, a health probe after each, and a
 * RunResult at the end. It never prints and never exits; progress goes out through the
 * onStart / onScenario callbacks. A server that dies mid-run is noticed by the probe and the
 * remaining scenarios are reported as ERROR at once, so the report is complete and the run's
 * time stays bounded by scenarios × timeout.
 */
import { prepareGroups } from '../../learn/groups.js';
import { canonicalDialect, dialectDifferences } from '../../../specs/index.js';
import { withTokenKey, learnServer, type ServerKnowledge } from '../../learn/index.js';
import {
  emptyCounts,
  receivedReply,
  type PreflightResult,
  type ProcessExitReport,
  type ProcessReport,
  type RunResult,
  type ScenarioResult,
} from '../../../results/run.js';
import { toolVersion } from '../../../specs/package-root.js';
import type { Scenario } from '../scenario/types.js';
import type { Target } from './context.js';
import { resolveConformanceOptions, type ConformanceOptions } from './options.js';
import { canConnect, probe } from './probe.js';
import { ServerPace } from './pace.js';
import { requirementResults } from './requirements.js';
import { foldIntoRootCauses } from './root-cause.js';
import {
  dialerWhile,
  exitAfterSilence,
  exitFinding,
  IDLE_CPU_WINDOW,
  idleCpuResult,
  notRestarted,
  raceExit,
  withServerOutput,
} from './watched.js';
import type { WatchedExit } from './process-watch.js';
import { resultHeader, runScenarioDetailed, type ScenarioRun } from './scenario.js';

/** The target refused or ignored the first connection: nothing was tested (exit 2). */
export class TargetUnreachableError extends Error {
  override readonly name = 'TargetUnreachableError';
}

/** The preflight waits at most this long per request, however long a scenario may take. */
const PREFLIGHT_TIMEOUT_MS = 3000;

function notRun(
  scenario: Scenario,
  notRunKind: 'unreachable' | 'aborted',
  reason: string,
): ScenarioResult {
  return {
    ...resultHeader(scenario),
    verdict: 'ERROR',
    reason,
    notRun: notRunKind,
    durationMs: 0,
    transcript: [],
  };
}

/**
 * Whether a scenario needs a session it gets by logging in (a login step, or an auth whose
 * token it keeps); auth's own scenarios are not counted, they report the cause.
 */
function logsIn(scenario: Scenario): boolean {
  if (scenario.group === 'AUTH') return false;
  const walk = (steps: Scenario['steps']): boolean =>
    steps.some((s) =>
      s.kind === 'forEach'
        ? walk(s.steps)
        : s.kind === 'request' &&
          s.requests.some(
            (r, i) =>
              r.command === 'AUTH' &&
              (s.expect[i]?.token !== undefined || s.expect[i]?.status === 'OK'),
          ),
    );
  return walk(scenario.steps);
}

function preflightResult(knowledge: ServerKnowledge, dialectName: string): PreflightResult {
  const { login } = knowledge;
  return {
    ...(knowledge.unknownCommand
      ? { unknownCommandReply: receivedReply(knowledge.unknownCommand.reply) }
      : {}),
    ...(knowledge.missingParams
      ? { missingParamsReply: receivedReply(knowledge.missingParams.reply) }
      : {}),
    absentCommands: knowledge.absent,
    login: login.kind,
    ...(login.kind === 'token-under-key' ? { tokenKey: login.key } : {}),
    ...(login.kind === 'impossible' || login.kind === 'unanswered'
      ? { loginProblem: login.reason }
      : {}),
    dialect: dialectName,
    requests: knowledge.requests,
  };
}

/** What a user does when no session can be had: one line, said once. */
function loginAdvice(address: string): string {
  return `check the users with --fixture FILE, or run \`chatspec probe ${address}\` to find how this server logs in`;
}

export async function runConformance(options: ConformanceOptions): Promise<RunResult> {
  const resolved = await resolveConformanceOptions(options);
  const given: Target = {
    dialer: resolved.dialer,
    timeoutMs: resolved.timeoutMs,
    maxReplyBytes: resolved.maxReplyBytes,
    dialect: resolved.dialect,
    fixture: resolved.fixture,
  };
  const first = await canConnect(given);
  if (!first.alive)
    throw new TargetUnreachableError(`${resolved.address} is unreachable: ${first.reason}`);

  const knowledge = resolved.preflight
    ? await learnServer({
        ...given,
        timeoutMs: Math.min(resolved.timeoutMs, PREFLIGHT_TIMEOUT_MS),
        maxReplyBytes: Math.min(resolved.maxReplyBytes, 1024 * 1024),
      })
    : undefined;
  const login = knowledge?.login;
  const adjusted: Target = {
    ...given,
    pace: new ServerPace(),
    ...(knowledge ? { knowledge } : {}),
    // The token under another key is one finding (AUTH-1); everything else is judged with it.
    dialect:
      login?.kind === 'token-under-key'
        ? withTokenKey(given.dialect, login.key, given.fixture)
        : given.dialect,
  };
  // A server with no groups of its own gets the groups its scenarios use (groups.ts).
  const { target } = await prepareGroups(adjusted, resolved.runId);

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
  const runs: ScenarioRun[] = [];
  // No session can be had: every scenario that logs in to prepare is not run, with one
  // reason, and the scenarios of AUTH-1 carry the finding.
  // When the login reply itself breaks the reply rules, the scenarios of those rules run and
  // report it too: the fault is FRAME-1's or FRAME-2's, not only AUTH-1's.
  const judgesReplies = (s: Scenario): boolean =>
    login?.kind === 'impossible' &&
    login.framing === true &&
    s.requirements.some((id) => id === 'FRAME-1' || id === 'FRAME-2');
  const loginReporters =
    login?.kind === 'impossible'
      ? scenarios
          .filter((s) => s.requirements.includes('AUTH-1') || judgesReplies(s))
          .map((s) => s.id)
      : [];
  let goneSince: string | undefined;
  const watch = resolved.processWatch;
  // A launched server: exits are judged once (FRAME-11), and it is restarted after each.
  let restarts = 0;
  /** Restarts before the scenario now running began: its results say "after restart N". */
  let resultsRestarts = 0;
  let firstExit: string | undefined;
  let notRestartedWhy: string | undefined;
  const exits: ProcessExitReport[] = [];
  const memoryAtStartBytes = watch ? await watch.memoryBytes().catch(() => undefined) : undefined;
  for (const [index, scenario] of scenarios.entries()) {
    let result: ScenarioResult;
    if (login?.kind === 'impossible' && logsIn(scenario) && !judgesReplies(scenario)) {
      result = {
        ...resultHeader(scenario),
        verdict: 'INFORMATIONAL',
        reason: `not run: it logs in first, and ${login.reason}; ${loginAdvice(resolved.address)}`,
        actual: login.reply,
        notRun: 'blocked',
        ...(loginReporters.length > 0 ? { blockedBy: loginReporters.slice(0, 3) } : {}),
        durationMs: 0,
        transcript: (knowledge?.transcript ?? []).filter((e) => e.connection === 'preflight-login'),
      };
    } else if (resolved.signal?.aborted) {
      result = notRun(scenario, 'aborted', 'not run: the run was interrupted');
    } else if (notRestartedWhy !== undefined && firstExit !== undefined) {
      result = notRestarted(scenario, firstExit, notRestartedWhy);
    } else if (goneSince !== undefined) {
      result = notRun(
        scenario,
        'unreachable',
        `not run: server unreachable since scenario ${goneSince}`,
      );
    } else if (watch === undefined) {
      const run = await runScenarioDetailed(scenario, target, resolved.runId, index);
      result = run.result;
      runs.push(run);
      // A probe after every scenario, even one that went well: a server that hangs after
      // it (a lock never released) is then named after that scenario, not blamed on the
      // next scenario's timeout, in that scenario's requirement rows.
      if (index < scenarios.length - 1) {
        const health = await probe(target);
        if (!health.alive) goneSince = `${scenario.id} (${health.reason})`;
      }
    } else {
      // The lines printed from this scenario's start until the next one's are its evidence.
      const mark = watch.mark();
      const epoch = restarts;
      const guarded = { ...target, dialer: dialerWhile(target.dialer, () => restarts === epoch) };
      const raced = await raceExit(
        runScenarioDetailed(scenario, guarded, resolved.runId, index),
        watch,
      );
      let exit: WatchedExit | undefined = raced.exit;
      if (exit === undefined && index < scenarios.length - 1) {
        const health = await probe(target);
        if (!health.alive) {
          exit = await exitAfterSilence(watch);
          if (exit === undefined) goneSince = `${scenario.id} (${health.reason})`;
        }
      }
      exit ??= watch.ended();
      const lines = watch.linesSince(mark);
      if (exit === undefined) {
        const run = withServerOutput(raced.run!, lines, restarts);
        result = run.result;
        runs.push(run);
      } else {
        exits.push({
          scenario: scenario.id,
          code: exit.code,
          signal: exit.signal,
          reason: exit.reason,
        });
        let restartNote: string;
        const more = index < scenarios.length - 1;
        if (!more) {
          restartNote = 'it was the last scenario';
        } else {
          try {
            await watch.restart();
            restarts++;
            restartNote = `restarted for the remaining scenarios (restart ${restarts})`;
          } catch (error) {
            notRestartedWhy = error instanceof Error ? error.message : String(error);
            restartNote = `not restarted: ${notRestartedWhy}`;
          }
        }
        result = exitFinding(scenario, raced.run, exit, lines, {
          firstExit,
          afterRestart: resultsRestarts,
          restartNote,
        });
        firstExit ??= scenario.id;
        runs.push({ result });
      }
      resultsRestarts = restarts;
    }
    results.push(result);
    if (runs.length < results.length) runs.push({ result });
    resolved.onScenario?.(result, results.length, scenarios.length);
  }

  const final = foldIntoRootCauses(runs);
  // Nothing could be logged in to, and no AUTH-1 scenario failed to say so: the first
  // scenario the login blocked carries the finding, so the run cannot pass untested.
  if (login?.kind === 'impossible') {
    const said = final.some(
      (s) => s.requirements.includes('AUTH-1') && (s.verdict === 'FAIL' || s.verdict === 'ERROR'),
    );
    const first = final.findIndex(
      (s) => s.notRun === 'blocked' && s.reason.startsWith('not run: it logs in'),
    );
    if (!said && first >= 0) final[first] = { ...final[first]!, verdict: 'ERROR' };
  }
  let processReport: ProcessReport | undefined;
  if (watch !== undefined) {
    // PROCESS-1: every client of the suite is gone; a quiet server now uses no CPU.
    const alive = watch.ended() === undefined && !resolved.signal?.aborted;
    const idleCpu = alive
      ? await watch.measureIdleCpu(IDLE_CPU_WINDOW).catch(() => undefined)
      : undefined;
    if (idleCpu !== undefined) final.push(idleCpuResult(idleCpu));
    const memoryAtEndBytes = alive ? await watch.memoryBytes().catch(() => undefined) : undefined;
    processReport = {
      restarts,
      exits,
      ...(memoryAtStartBytes !== undefined ? { memoryAtStartBytes } : {}),
      ...(memoryAtEndBytes !== undefined ? { memoryAtEndBytes } : {}),
      ...(idleCpu !== undefined ? { idleCpu } : {}),
    };
  }
  const summary = emptyCounts();
  for (const r of final) summary[r.verdict]++;
  return {
    schemaVersion: 2,
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
    ...(knowledge ? { preflight: preflightResult(knowledge, target.dialect.name) } : {}),
    scenarios: final,
    requirements: requirementResults(final),
    ...(processReport ? { process: processReport } : {}),
  };
}
