/**
 * The conformance run's options: validated, defaulted and frozen before the engine sees them.
 * A bad option is the caller's mistake (ConformanceOptionError: exit 2 in the CLI), never a
 * verdict about the server.
 */
import type { Dialer } from '../../../net/index.js';
import { randomBytes } from 'node:crypto';
import { SEED_FIXTURE, dialectForRun, type Dialect, type Fixture } from '../../../specs/index.js';
import type { ScenarioResult } from '../../../results/run.js';
import type { ProcessWatch } from './process-watch.js';
import { loadBuiltinScenarios } from '../scenario/builtin.js';
import { checkUniqueIds, loadScenarioFiles } from '../scenario/load.js';
import { selectScenarios } from '../scenario/select.js';
import type { Scenario } from '../scenario/types.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const MAX_TIMEOUT_MS = 600_000;
/** The largest reply read: a 1 MiB download is ~1.4 MB; 64 MiB leaves room for big files. */
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;
/** The largest reply cap a run accepts. */
export const MAX_REPLY_BYTES = 2 ** 31;

export class ConformanceOptionError extends Error {
  override readonly name = 'ConformanceOptionError';
}

/** What the run is about to do, for a progress display. */
export interface RunPlan {
  readonly runId: string;
  readonly address: string;
  readonly total: number;
  readonly scenarios: readonly Pick<Scenario, 'id' | 'title' | 'group' | 'requirements'>[];
}

export interface ConformanceOptions {
  readonly dialer: Dialer;
  /** Users and groups the server knows; the seed document's by default. */
  readonly fixture?: Fixture;
  /** Scenarios already loaded; otherwise `scenarioFiles`; otherwise the built-in set. */
  readonly scenarios?: readonly Scenario[];
  readonly scenarioFiles?: readonly string[];
  /** `--only` patterns (scenario/select.ts); any of them selects a scenario. */
  readonly only?: readonly string[];
  /** Recorded in the result; the exit rule reads it (runFailed). */
  readonly strict?: boolean;
  /** Each scenario's whole budget, every read within it. */
  readonly timeoutMs?: number;
  readonly maxReplyBytes?: number;
  readonly dialect?: Dialect;
  /** How the dialect was chosen, for the report (default: `given` when one is given). */
  readonly dialectHow?: 'given' | 'probed';
  /** Makes texts and filenames unique to this run; random by default. */
  readonly runId?: string;
  /** Whether the target is the embedded reference server (for the report). */
  readonly embedded?: boolean;
  /**
   * Learn the server's unknown-command and missing-params replies, its commands and its
   * login before the run (harness/learn); on by default.
   */
  readonly preflight?: boolean;
  /** Stops the run between scenarios; the rest are reported as ERROR, not dropped. */
  readonly signal?: AbortSignal;
  /** The server's process, when chatspec launched it (process-watch.ts). */
  readonly processWatch?: ProcessWatch;
  readonly onStart?: (plan: RunPlan) => void;
  readonly onScenario?: (result: ScenarioResult, done: number, total: number) => void;
}

export interface ResolvedOptions {
  readonly dialer: Dialer;
  readonly address: string;
  readonly fixture: Fixture;
  readonly scenarios: readonly Scenario[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  readonly dialect: Dialect;
  readonly dialectHow: 'default' | 'given' | 'probed';
  readonly runId: string;
  readonly embedded: boolean;
  readonly preflight: boolean;
  readonly signal?: AbortSignal;
  readonly processWatch?: ProcessWatch;
  readonly onStart?: (plan: RunPlan) => void;
  readonly onScenario?: (result: ScenarioResult, done: number, total: number) => void;
}

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConformanceOptionError(
      `${name} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** A short id of lower-case letters and digits: it goes into message texts and filenames. */
export function newRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}

export async function resolveConformanceOptions(
  options: ConformanceOptions,
): Promise<ResolvedOptions> {
  if (typeof options.dialer?.dial !== 'function') {
    throw new ConformanceOptionError('dialer must be given: how to reach the server');
  }
  const timeoutMs = integer(
    'timeoutMs',
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    1,
    MAX_TIMEOUT_MS,
  );
  const maxReplyBytes = integer(
    'maxReplyBytes',
    options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
    1024,
    MAX_REPLY_BYTES,
  );
  const runId = options.runId ?? newRunId();
  if (!/^[a-z0-9]{1,16}$/.test(runId)) {
    throw new ConformanceOptionError(
      `runId must be 1 to 16 lower-case letters or digits, got "${runId}"`,
    );
  }
  if (options.scenarios !== undefined && options.scenarioFiles !== undefined) {
    throw new ConformanceOptionError('give scenarios or scenarioFiles, not both');
  }
  let all: readonly Scenario[];
  if (options.scenarios !== undefined) {
    checkUniqueIds(options.scenarios);
    all = options.scenarios;
  } else if (options.scenarioFiles !== undefined && options.scenarioFiles.length > 0) {
    all = await loadScenarioFiles(options.scenarioFiles);
  } else {
    all = await loadBuiltinScenarios();
  }
  const scenarios = Object.freeze(selectScenarios(all, options.only ?? []));
  if (scenarios.length === 0) throw new ConformanceOptionError('no scenarios to run');
  return Object.freeze({
    dialer: options.dialer,
    address: options.dialer.address,
    fixture: options.fixture ?? SEED_FIXTURE,
    scenarios,
    strict: options.strict ?? false,
    timeoutMs,
    maxReplyBytes,
    dialect: dialectForRun(options.dialect, options.fixture),
    dialectHow: options.dialect === undefined ? 'default' : (options.dialectHow ?? 'given'),
    runId,
    embedded: options.embedded ?? false,
    preflight: options.preflight ?? true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.processWatch ? { processWatch: options.processWatch } : {}),
    ...(options.onStart ? { onStart: options.onStart } : {}),
    ...(options.onScenario ? { onScenario: options.onScenario } : {}),
  });
}
