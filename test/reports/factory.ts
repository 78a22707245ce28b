/**
 * Hand-built RunResults for the renderer tests: a scenario factory with defaults, and a run
 * whose summary and requirement verdicts are derived from its scenarios the way the runner
 * derives them (most severe verdict wins), so each test states only what it is about.
 */
import { requirementById, type RequirementId } from '../../specs/index.js';
import type { TranscriptEntry } from '../../results/transcript.js';
import {
  emptyCounts,
  severity,
  type RequirementResult,
  type RunResult,
  type ScenarioResult,
  type Verdict,
} from '../../results/run.js';

export function entry(
  direction: TranscriptEntry['direction'],
  text: string,
  atMs = 1,
  connection = 'a',
): TranscriptEntry {
  return { direction, atMs, connection, text, bytes: Buffer.byteLength(text) };
}

export function scenario(
  id: string,
  verdict: Verdict,
  overrides: Partial<ScenarioResult> = {},
): ScenarioResult {
  const failed = verdict !== 'PASS';
  return {
    id,
    title: `title of ${id}`,
    group: 'AUTH',
    command: 'AUTH',
    requirements: ['AUTH-1'],
    verdict,
    reason: failed ? `reason for ${id}` : 'as specified',
    ...(failed ? { expected: `expected of ${id}`, actual: `actual of ${id}` } : {}),
    durationMs: 12,
    transcript: [
      entry('sent', 'auth messi surabaya \r\n', 0.5),
      entry('received', '{"status":"OK","tokenid":"t"}\r\n\r\n', 1.5),
    ],
    ...overrides,
  };
}

function requirementResults(scenarios: readonly ScenarioResult[]): RequirementResult[] {
  const byId = new Map<RequirementId, ScenarioResult[]>();
  for (const s of scenarios) {
    for (const id of s.requirements) byId.set(id, [...(byId.get(id) ?? []), s]);
  }
  return [...byId].map(([id, covering]) => {
    const requirement = requirementById(id);
    if (!requirement) throw new Error(`test factory: unknown requirement ${id}`);
    const worst = covering.reduce<Verdict>(
      (acc, s) => (severity(s.verdict) > severity(acc) ? s.verdict : acc),
      'PASS',
    );
    return {
      id,
      level: requirement.level,
      text: requirement.text,
      verdict: worst,
      scenarios: covering.map((s) => s.id),
    };
  });
}

export function run(
  scenarios: readonly ScenarioResult[],
  overrides: Partial<RunResult> = {},
): RunResult {
  const summary = emptyCounts();
  for (const s of scenarios) summary[s.verdict]++;
  return {
    schemaVersion: 1,
    tool: { name: 'chatspec', version: '0.1.0' },
    target: { address: '127.0.0.1:8889', embedded: false },
    startedAt: '2026-11-25T19:00:00.000Z',
    durationMs: 1234,
    strict: false,
    timeoutMs: 2000,
    summary,
    scenarios,
    requirements: requirementResults(scenarios),
    ...overrides,
  };
}

/** Bytes a hostile server might send, as the transcript holds them (already UTF-8 decoded). */
export const HOSTILE_TEXT =
  'NUL\u0000 ESC\u001b[31mred\u001b[0m CDATA-end]]> lt< amp& quot" bell\u0007 ' +
  'replaced\ufffd\ufffd rtl\u202eevil lone\ud800 nonchar\uffff vt\u000b del\u007f c1\u009b\r\n\r\n';

/** One scenario of every verdict, spread over three groups. */
export function everyVerdict(): ScenarioResult[] {
  return [
    scenario('auth/login', 'PASS', { requirements: ['AUTH-1'] }),
    scenario('auth/wrong-password', 'FAIL', { requirements: ['AUTH-3'], step: 2 }),
    scenario('send/text', 'NON-STRICT', { group: 'SEND', requirements: ['SEND-1'] }),
    scenario('send_group/unimplemented', 'UNIMPLEMENTED', {
      group: 'SEND_GROUP',
      requirements: ['GROUP-1'],
    }),
    scenario('framing/bare-lf', 'INFORMATIONAL', { group: 'FRAMING', requirements: ['FRAME-6'] }),
    scenario('general/unknown-command', 'ERROR', {
      group: 'GENERAL',
      requirements: ['PROTO-1'],
      reason: 'connection refused',
      expected: undefined,
      actual: undefined,
      transcript: [],
    }),
  ];
}
