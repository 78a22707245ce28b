/**
 * Does the counterexample reproduce? A shrunk case ran on a server that the campaign's
 * earlier cases had already changed, so it may fail only because of them (a defect that
 * drops every third message fails two sends after the first). Before the case is handed out,
 * its scenario file is replayed exactly as saved, as `chatspec test --scenario` replays it:
 * on a fresh server each time when the caller can start one, else on fresh connections (fresh
 * logins) to the same server. A case that does not fail on its own is said to depend on the
 * server's state before it, and the smallest case that does fail on its own is saved instead:
 * a larger failing case of the campaign, or, when a fresh server can be started, the case a
 * second search finds and shrinks with a fresh server for every case it tries. When none
 * does, nothing is offered as a reproduction. A case with no scenario file (a parallel one) is
 * replayed from its seed and path instead, and its replay command offered only when that fails.
 */
import { currentDialer, type Dialer } from '../../net/index.js';
import {
  runFailed,
  type FuzzFailure,
  type FuzzResult,
  type Reproduction,
} from '../../results/index.js';
import { runConformance } from '../conformance/run/runner.js';
import { parseScenarioText } from '../conformance/scenario/load.js';
import type { Campaign } from './campaign.js';
import type { CaseFailure } from './case-failure.js';
import { resolveFuzzOptions, type FuzzOptions } from './options.js';
import { exportScenario, type ScenarioExport } from './scenario-export.js';

/** A server started for one replay and closed after it (the embedded one, a launched one). */
export interface FreshServer {
  readonly dialer: Dialer;
  close(): Promise<void>;
}

/** Replays of a saved case; it reproduces when every one of them fails. */
export const REPLAY_ATTEMPTS = 3;
/** Larger failing cases of the campaign tried when the shrunk one does not fail on its own. */
const MAX_FALLBACK_CASES = 6;

type Saved = Extract<ScenarioExport, { ok: true }>;

/** One replay on `dialer`: whether it showed a failure. */
type ReplayOnce = (dialer: Dialer) => Promise<boolean>;

/** Replays a saved scenario file as `chatspec test --scenario` does. */
function scenarioReplay(campaign: Campaign, saved: Saved): ReplayOnce {
  const { options } = campaign;
  return async (dialer) => {
    const result = await runConformance({
      dialer,
      fixture: options.fixture,
      dialect: options.dialect,
      scenarios: parseScenarioText(saved.yaml, saved.fileName),
      strict: options.strict,
    });
    return runFailed(result.summary, options.strict);
  };
}

/**
 * Replays one case from its seed and path as `chatspec fuzz --seed N --path P` does, for a case
 * with no scenario file. One run: after the case at the path, fast-check would go on to others.
 */
function pathReplay(campaign: Campaign, failure: FuzzFailure, rerun: FuzzRunner): ReplayOnce {
  const { options } = campaign;
  return async (dialer) => {
    const result = await rerun(
      resolveFuzzOptions({
        ...options,
        target: { dialer, embedded: options.target.embedded },
        seed: failure.seed,
        path: failure.path,
        runs: 1,
        freshServer: undefined,
        beforeCase: undefined,
      }),
    );
    return result.failure !== undefined;
  };
}

async function replayFails(
  campaign: Campaign,
  replayOnce: ReplayOnce,
  fresh: FreshServer | undefined,
): Promise<boolean> {
  try {
    return await replayOnce(fresh?.dialer ?? campaign.options.target.dialer);
  } catch {
    // A replay that could not run (the server went away) did not show the failure.
    return false;
  } finally {
    await fresh?.close();
  }
}

/** Whether the target accepts a connection now. */
async function reachable(options: FuzzOptions): Promise<boolean> {
  try {
    const socket = await options.target.dialer.dial(options.timeoutMs);
    socket.destroy();
    return true;
  } catch {
    return false;
  }
}

interface ReplayCount {
  readonly ran: number;
  readonly failed: number;
}

/**
 * How many of `attempts` replays fail; stops at the first that passes. On the target itself,
 * a replay that left it dead is brought back with `restart` before the next one; without
 * `restart`, a case that killed the server has shown its failure and cannot be replayed again.
 */
async function failingReplays(
  campaign: Campaign,
  replayOnce: ReplayOnce,
  freshServer: (() => Promise<FreshServer>) | undefined,
  attempts: number,
): Promise<ReplayCount> {
  const { options } = campaign;
  let failed = 0;
  for (let i = 0; i < attempts; i++) {
    if (freshServer === undefined && i > 0 && !(await reachable(options))) {
      if (options.restart === undefined) return { ran: i, failed };
      await options.restart();
    }
    const fresh = freshServer === undefined ? undefined : await freshServer();
    if (!(await replayFails(campaign, replayOnce, fresh))) return { ran: i + 1, failed };
    failed++;
  }
  // Leave the target as the campaign left it: answering, when it can be brought back.
  if (freshServer === undefined && options.restart !== undefined && !(await reachable(options))) {
    await options.restart();
  }
  return { ran: attempts, failed };
}

function failureOfCase(shrunk: FuzzFailure, larger: CaseFailure): FuzzFailure {
  return {
    ...shrunk,
    verdict: larger.verdict,
    reason: larger.message,
    ...(larger.requirement !== undefined ? { requirement: larger.requirement } : {}),
    detail: larger.detail,
  };
}

function stepCount(failure: FuzzFailure): number {
  const d = failure.detail;
  return d.kind === 'sequential' ? d.steps.length : d.kind === 'framing' ? d.chunks.length : 0;
}

function stepsOf(failure: CaseFailure): number {
  const source = failure.source;
  if (source === undefined) return Number.MAX_SAFE_INTEGER;
  return source.kind === 'sequential' ? source.executed.length : source.writes.length;
}

/** The engine, passed in so this module does not import the one that imports it. */
export type FuzzRunner = (options: FuzzOptions) => Promise<FuzzResult>;

/**
 * The campaign again, with the same seed and settings, but every case (and every shrink
 * attempt) on a server of its own: what it finds and shrinks fails without help from earlier
 * cases. The engine keeps one dialer, which dials whichever fresh server is current.
 */
async function searchIsolated(
  options: FuzzOptions,
  freshServer: () => Promise<FreshServer>,
  rerun: FuzzRunner,
): Promise<FuzzResult> {
  let current = await freshServer();
  const dialer = currentDialer(() => current.dialer);
  try {
    return await rerun(
      resolveFuzzOptions({
        ...options,
        target: { dialer, embedded: options.target.embedded },
        path: undefined,
        beforeCase: async () => {
          const next = await freshServer();
          const old = current;
          current = next;
          await old.close();
        },
      }),
    );
  } finally {
    await current.close();
  }
}

export interface Reproduced {
  readonly reproduction: Reproduction;
  /** What to save: the shrunk case's export, a larger case's, or the reason for none. */
  readonly exported: ScenarioExport;
}

/** Replays the saved shrunk case and, when it does not fail on its own, falls back. */
export async function checkReproduction(
  campaign: Campaign,
  failure: FuzzFailure,
  shrunk: CaseFailure,
  exported: Saved,
  rerun: FuzzRunner,
): Promise<Reproduced> {
  const { options } = campaign;
  const freshServer = options.freshServer;
  const on = freshServer === undefined ? 'fresh-connections' : 'fresh-server';
  const shrunkReplays = await failingReplays(
    campaign,
    scenarioReplay(campaign, exported),
    freshServer,
    REPLAY_ATTEMPTS,
  );
  if (shrunkReplays.ran > 0 && shrunkReplays.failed === shrunkReplays.ran) {
    const attempts = shrunkReplays.ran;
    return {
      reproduction: { on, attempts, shrunkFailed: attempts, saved: 'shrunk' },
      exported,
    };
  }
  const base = { on, attempts: REPLAY_ATTEMPTS, shrunkFailed: shrunkReplays.failed } as const;
  const startedMs = performance.now();
  const candidates = campaign.failedCases
    .filter((c) => c !== shrunk && stepsOf(c) > stepsOf(shrunk))
    .sort((a, b) => stepsOf(a) - stepsOf(b))
    .filter((c, i, all) => i === 0 || stepsOf(c) !== stepsOf(all[i - 1]!))
    .slice(0, MAX_FALLBACK_CASES);
  for (const candidate of candidates) {
    if (performance.now() - startedMs > options.shrinkTimeMs) break;
    const larger = exportScenario(
      options,
      failureOfCase(failure, candidate),
      candidate.source,
      campaign.world,
      options.fixture,
    );
    if (!larger.ok) continue;
    const replays = await failingReplays(
      campaign,
      scenarioReplay(campaign, larger),
      freshServer,
      REPLAY_ATTEMPTS,
    );
    if (replays.ran === 0 || replays.failed < replays.ran) continue;
    return {
      reproduction: { ...base, saved: 'larger', savedSteps: stepsOf(candidate) },
      exported: larger,
    };
  }
  // Already a search with a fresh server per case: no second one.
  if (
    freshServer !== undefined &&
    options.beforeCase === undefined &&
    options.mode === 'sequential'
  ) {
    const isolated = await searchIsolated(options, freshServer, rerun);
    const again = isolated.reproduction;
    if (again?.saved === 'shrunk' && isolated.scenario !== undefined && isolated.failure) {
      return {
        reproduction: {
          ...base,
          saved: 'isolated',
          savedSteps: stepCount(isolated.failure),
          savedReason: isolated.failure.reason,
          ...(isolated.failure.requirement !== undefined
            ? { savedRequirement: isolated.failure.requirement }
            : {}),
        },
        exported: { ok: true, ...isolated.scenario },
      };
    }
  }
  return {
    reproduction: { ...base, saved: 'none' },
    exported: {
      ok: false,
      reason: `no scenario file: no failing case of this campaign failed when replayed on its own ${on === 'fresh-server' ? 'on a fresh server' : 'with fresh logins'}`,
    },
  };
}

/**
 * Replays a case that has no scenario file (a parallel one) from its seed and path, on a fresh
 * server each time when the caller can start one, else with fresh logins on the target. Its
 * replay command is offered only when every replay failed: a parallel failure may need a timing
 * or what earlier cases left on the server, and then it did not reproduce on its own.
 */
export async function checkPathReproduction(
  campaign: Campaign,
  failure: FuzzFailure,
  rerun: FuzzRunner,
): Promise<Reproduction> {
  const freshServer = campaign.options.freshServer;
  const replays = await failingReplays(
    campaign,
    pathReplay(campaign, failure, rerun),
    freshServer,
    REPLAY_ATTEMPTS,
  );
  const reproduced = replays.ran > 0 && replays.failed === replays.ran;
  return {
    on: freshServer === undefined ? 'fresh-connections' : 'fresh-server',
    attempts: reproduced ? replays.ran : REPLAY_ATTEMPTS,
    shrunkFailed: replays.failed,
    saved: reproduced ? 'shrunk' : 'none',
    replayed: 'path',
  };
}
