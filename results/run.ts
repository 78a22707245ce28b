/**
 * What a conformance run produces: plain data, with a stable JSON form (reports/ renders it
 * without rerunning anything). Field names here are the report.json schema; change them only
 * with a schema version bump.
 */
import {
  parseReplyJson,
  type CommandName,
  type Level,
  type RequirementId,
} from '../specs/index.js';
import type { TranscriptEntry } from './transcript.js';

/** Verdicts in order of severity, least first (Autobahn's set, plus PASS and ERROR). */
export const VERDICTS = [
  'PASS',
  'INFORMATIONAL',
  'NON-STRICT',
  'UNIMPLEMENTED',
  'FAIL',
  'ERROR',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Report groups: one per command, plus framing and the rules common to all commands. */
export type ScenarioGroup = CommandName | 'FRAMING' | 'GENERAL';

/** A scenario's id, e.g. `auth/wrong-password`: stable, never positional. */
export type ScenarioId = string;

export interface ScenarioResult {
  readonly id: ScenarioId;
  readonly title: string;
  readonly group: ScenarioGroup;
  /** The command under test: the group's command, or the first one a framing or general
   * scenario checks; null for a scenario of raw bytes only. */
  readonly command: CommandName | null;
  readonly requirements: readonly RequirementId[];
  readonly verdict: Verdict;
  /** One line: why this verdict. */
  readonly reason: string;
  /** For a verdict other than PASS: what the check wanted and what it got. */
  readonly expected?: string;
  readonly actual?: string;
  /** The step (1-based) the verdict was decided at, where it was decided at one. */
  readonly step?: number;
  readonly durationMs: number;
  readonly transcript: readonly TranscriptEntry[];
  /**
   * Present when the scenario did not run, or could not be checked, and why: `fixture` — its
   * roles cannot be bound to the fixture's users and groups (INFORMATIONAL, never failing);
   * `unsupported` — it needs a command the server lacks but does not test it (INFORMATIONAL;
   * `missingCommands` names them, and their own scenarios are UNIMPLEMENTED); `blocked` —
   * it could not be set up because of a fault another scenario already reports
   * (INFORMATIONAL; `blockedBy` names those); `unreachable` — the server stopped answering
   * earlier in the run (ERROR); `aborted` — the run was interrupted (ERROR). The reason says
   * the rest.
   */
  readonly notRun?: NotRunKind;
  /** With `notRun: unsupported`: the commands the scenario needs that the server lacks. */
  readonly missingCommands?: readonly CommandName[];
  /** With `notRun: blocked`: the scenarios whose verdict reports the cause. */
  readonly blockedBy?: readonly ScenarioId[];
  /**
   * It failed the same way as this scenario, which reports the fault once: its verdict is
   * INFORMATIONAL, `ownVerdict` is the one it had, and its requirements keep that one.
   */
  readonly sameFaultAs?: ScenarioId;
  /** With `sameFaultAs`: the verdict the scenario had before it was folded. */
  readonly ownVerdict?: Verdict;
  /**
   * What the scenario's checks found for each requirement they judge (a text miss judges the
   * text rules only); absent where the scenario did not run its checks, and in reports of
   * schemaVersion 1, where every requirement it names has its verdict.
   */
  readonly judged?: Readonly<Partial<Record<RequirementId, Verdict>>>;
  /**
   * A server chatspec launched: what it printed from this scenario's start until the next
   * one's (a traceback it caused, say), at most MAX_SERVER_OUTPUT_LINES lines, the last kept.
   */
  readonly serverOutput?: readonly ServerOutputLine[];
  /** Run on a server restarted this many times, after it exited earlier in the run. */
  readonly afterRestart?: number;
}

/** One line a launched server printed. */
export interface ServerOutputLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** Since that server started. */
  readonly sinceStartMs: number;
}

/** Lines of server output kept per scenario: a traceback fits, a print loop does not grow. */
export const MAX_SERVER_OUTPUT_LINES = 200;

/** What the process of a server chatspec launched showed over the run. */
export interface ProcessReport {
  /** Times it was restarted after exiting. */
  readonly restarts: number;
  /** Each time it ended by itself during the run, and the scenario running then. */
  readonly exits: readonly ProcessExitReport[];
  /** Resident bytes of its process tree when the run began and when it ended. */
  readonly memoryAtStartBytes?: number;
  readonly memoryAtEndBytes?: number;
  /** CPU of the tree over a quiet window after the suite (PROCESS-1). */
  readonly idleCpu?: {
    readonly cpuSeconds: number;
    readonly coreShare: number;
    readonly windowMs: number;
  };
}

export interface ProcessExitReport {
  readonly scenario: ScenarioId;
  readonly code: number | null;
  readonly signal: string | null;
  readonly reason: string;
}

export type NotRunKind = 'fixture' | 'unsupported' | 'blocked' | 'unreachable' | 'aborted';

/**
 * A reply as the server sent it (without its terminator), and the JSON object it parsed to when
 * it did: a reader of report.json gets the object itself, not a string of JSON inside JSON.
 */
export interface ReceivedReply {
  readonly text: string;
  readonly json?: Readonly<Record<string, unknown>>;
}

export function receivedReply(text: string): ReceivedReply {
  const parsed = parseReplyJson(text);
  return parsed.ok ? { text, json: parsed.value } : { text };
}

/** What the preflight learned about the server before the scenarios ran. */
export interface PreflightResult {
  /** The server's reply to a made-up verb. */
  readonly unknownCommandReply?: ReceivedReply;
  /** Its reply to `auth` with no params. */
  readonly missingParamsReply?: ReceivedReply;
  /** Commands the server answers as unknown, in protocol order. */
  readonly absentCommands: readonly CommandName[];
  /** How logging in went: fine, the token under another key, or not possible. */
  readonly login: 'ok' | 'token-under-key' | 'impossible' | 'unanswered' | 'not-tried';
  /** With `token-under-key`: the key the token was found under. */
  readonly tokenKey?: string;
  /** With `impossible`: why, in one line, and what to do. */
  readonly loginProblem?: string;
  /** The dialect the scenarios were spelled and read with. */
  readonly dialect: string;
  /** Requests the preflight sent. */
  readonly requests: number;
}

export interface RequirementResult {
  readonly id: RequirementId;
  readonly level: Level;
  readonly text: string;
  /** The most severe verdict among its scenarios; UNTESTED when none ran. */
  readonly verdict: Verdict | 'UNTESTED';
  readonly scenarios: readonly ScenarioId[];
  /** Present when the verdict rests on some of the requirement's commands only. */
  readonly judgedOn?: JudgedOn;
}

export interface JudgedOn {
  /** The commands whose checks gave the verdict. */
  readonly commands: readonly CommandName[];
  /** Every command the requirement's scenarios test. */
  readonly of: readonly CommandName[];
}

/** "judged on 3 of 8 commands (auth, send, inbox)", for every renderer alike. */
export function describeJudgedOn(judgedOn: JudgedOn): string {
  const names = judgedOn.commands.map((c) => c.toLowerCase()).join(', ');
  return `judged on ${judgedOn.commands.length} of ${judgedOn.of.length} commands (${names})`;
}

export type VerdictCounts = Readonly<Record<Verdict, number>>;

/** The dialect a run spoke and where it came from (report.json `dialect`). */
export interface DialectUsed {
  readonly name: string;
  /** `builtin:NAME`, a dialect file's path, or `probe HOST:PORT`. */
  readonly source: string;
  /** `default`: no dialect given (canonical); `given`: --dialect; `probed`: --probe. */
  readonly how: 'default' | 'given' | 'probed';
  /** Its settings that differ from the canonical dialect, `path = value`. */
  readonly differences: readonly string[];
}

export interface RunResult {
  /** 2 since scenarios carry `judged` and requirements `judgedOn`; version 1 is still read. */
  readonly schemaVersion: 1 | 2;
  readonly tool: { readonly name: 'chatspec'; readonly version: string };
  readonly target: { readonly address: string; readonly embedded: boolean };
  /** The dialect the run spoke; absent in reports written before dialects existed. */
  readonly dialect?: DialectUsed;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly summary: VerdictCounts;
  /** What was learned before the scenarios ran; absent when the preflight was skipped. */
  readonly preflight?: PreflightResult;
  readonly scenarios: readonly ScenarioResult[];
  readonly requirements: readonly RequirementResult[];
  /** Present when chatspec launched the server and watched its process. */
  readonly process?: ProcessReport;
  /** The score under a rubric, every requirement's points traced (schemaVersion 2). */
  readonly grade?: Grade;
}

/** One requirement's line of a score: what it was worth, what it earned and why. */
export interface GradeRow {
  readonly id: RequirementId;
  readonly level: Level;
  /** The command it counts under; `all` for FRAME, PROTO and SESSION. */
  readonly command: CommandName | 'all';
  readonly verdict: Verdict | 'UNTESTED';
  readonly earned: number;
  readonly possible: number;
  /** Why it earned what it did, in one line. */
  readonly reason: string;
  /** The rubric rule its points came from (`level.MUST`, `requirements.SEND-2`). */
  readonly rule: string;
  /** The scenarios whose verdict it has: the evidence of every point lost. */
  readonly evidence: readonly ScenarioId[];
  readonly judgedOn?: JudgedOn;
}

export interface Grade {
  readonly rubric: string;
  readonly earned: number;
  /** The same for every server graded under the rubric: every requirement's points. */
  readonly possible: number;
  /** Some requirement could not be judged because of the run itself (see runProblems). */
  readonly provisional: boolean;
  /** What the run could not judge and what to change, one line each. */
  readonly runProblems: readonly string[];
  readonly rows: readonly GradeRow[];
}

export function emptyCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

/** What a scenario found: its verdict, or, folded into another's finding, the one it had. */
export function foundVerdict(scenario: ScenarioResult): Verdict {
  return scenario.ownVerdict ?? scenario.verdict;
}

/** What a scenario found for one requirement: its checks' word on it, or what it found. */
export function verdictFor(scenario: ScenarioResult, requirement: RequirementId): Verdict {
  return scenario.judged?.[requirement] ?? foundVerdict(scenario);
}

/** The scenarios that gave a requirement its verdict: those that found one as severe. */
export function culpritsOf(
  requirement: RequirementResult,
  byId: ReadonlyMap<ScenarioId, ScenarioResult>,
): ScenarioId[] {
  return requirement.scenarios.filter((id) => {
    const scenario = byId.get(id);
    return scenario !== undefined && verdictFor(scenario, requirement.id) === requirement.verdict;
  });
}

export function severity(verdict: Verdict): number {
  return VERDICTS.indexOf(verdict);
}

/**
 * The exit rule: a run fails on any FAIL or ERROR; with `strict`, also on NON-STRICT and
 * UNIMPLEMENTED (a command the server does not have is reported, not failed, by default).
 */
export function runFailed(summary: VerdictCounts, strict: boolean): boolean {
  if (summary.FAIL > 0 || summary.ERROR > 0) return true;
  return strict && (summary['NON-STRICT'] > 0 || summary.UNIMPLEMENTED > 0);
}
