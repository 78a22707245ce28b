/**
 * report.json, as a zod schema: the contract between a run and every renderer that reads a
 * saved report later (HTML, a matrix of many servers). REPORT-SCHEMA.md documents it field
 * by field. The type checks at the bottom make the build fail when results/run.ts and this
 * schema drift apart, so a field cannot be added to one and silently dropped by the other.
 */
import { z } from 'zod';
import { COMMAND_NAMES, REQUIREMENT_AREAS } from '../specs/index.js';
import type { Level, RequirementId } from '../specs/index.js';
import type { TranscriptEntry } from '../results/transcript.js';
import {
  VERDICTS,
  type Grade,
  type GradeRow,
  type PreflightResult,
  type ProcessReport,
  type RequirementResult,
  type RunResult,
  type ScenarioResult,
  type Verdict,
} from '../results/run.js';

export const SCHEMA_VERSION = 2;
/**
 * Versions this chatspec reads: 1 lacks the per-requirement attribution, which defaults, and
 * keeps the preflight's replies as text only (parse.ts converts them).
 */
export const SCHEMA_VERSIONS_READ = [1, 2] as const;

const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const satisfies readonly Level[];
const GROUPS = [...COMMAND_NAMES, 'FRAMING', 'GENERAL'] as const;

const REQUIREMENT_ID = new RegExp(`^(?:${REQUIREMENT_AREAS.join('|')})-[1-9][0-9]*$`);

const requirementId = z.custom<RequirementId>(
  (value) => typeof value === 'string' && REQUIREMENT_ID.test(value),
  {
    message: `Invalid requirement id: expected AREA-N with AREA one of ${REQUIREMENT_AREAS.join(', ')}`,
  },
);

const durationMs = z.number().nonnegative();

export const transcriptEntrySchema = z.object({
  direction: z.enum(['sent', 'received', 'event']),
  atMs: z.number().nonnegative(),
  connection: z.string(),
  text: z.string(),
  bytes: z.int().nonnegative(),
});

export const scenarioResultSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  group: z.enum(GROUPS),
  command: z.enum(COMMAND_NAMES).nullable(),
  requirements: z.array(requirementId),
  verdict: z.enum(VERDICTS),
  reason: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  step: z.int().positive().optional(),
  durationMs,
  transcript: z.array(transcriptEntrySchema),
  notRun: z.enum(['fixture', 'unsupported', 'blocked', 'unreachable', 'aborted']).optional(),
  missingCommands: z.array(z.enum(COMMAND_NAMES)).optional(),
  blockedBy: z.array(z.string()).optional(),
  sameFaultAs: z.string().optional(),
  ownVerdict: z.enum(VERDICTS).optional(),
  judged: z.partialRecord(requirementId, z.enum(VERDICTS)).optional(),
  serverOutput: z
    .array(
      z.object({
        stream: z.enum(['stdout', 'stderr']),
        text: z.string(),
        sinceStartMs: z.number().nonnegative(),
      }),
    )
    .optional(),
  afterRestart: z.int().positive().optional(),
});

export const processReportSchema = z.object({
  restarts: z.int().nonnegative(),
  exits: z.array(
    z.object({
      scenario: z.string(),
      code: z.int().nullable(),
      signal: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  memoryAtStartBytes: z.number().nonnegative().optional(),
  memoryAtEndBytes: z.number().nonnegative().optional(),
  idleCpu: z
    .object({
      cpuSeconds: z.number().nonnegative(),
      coreShare: z.number().nonnegative(),
      windowMs: z.number().nonnegative(),
    })
    .optional(),
});

const receivedReplySchema = z.object({
  text: z.string(),
  json: z.record(z.string(), z.unknown()).optional(),
});

export const preflightSchema = z.object({
  unknownCommandReply: receivedReplySchema.optional(),
  missingParamsReply: receivedReplySchema.optional(),
  absentCommands: z.array(z.enum(COMMAND_NAMES)),
  login: z.enum(['ok', 'token-under-key', 'impossible', 'unanswered', 'not-tried']),
  tokenKey: z.string().optional(),
  loginProblem: z.string().optional(),
  dialect: z.string(),
  requests: z.int().nonnegative(),
});

const judgedOnSchema = z.object({
  commands: z.array(z.enum(COMMAND_NAMES)),
  of: z.array(z.enum(COMMAND_NAMES)),
});

export const requirementResultSchema = z.object({
  id: requirementId,
  level: z.enum(LEVELS),
  text: z.string(),
  verdict: z.enum([...VERDICTS, 'UNTESTED']),
  scenarios: z.array(z.string()),
  judgedOn: judgedOnSchema.optional(),
});

export const gradeRowSchema = z.object({
  id: requirementId,
  level: z.enum(LEVELS),
  command: z.enum([...COMMAND_NAMES, 'all']),
  verdict: z.enum([...VERDICTS, 'UNTESTED']),
  earned: z.number().nonnegative(),
  possible: z.number().nonnegative(),
  reason: z.string(),
  rule: z.string(),
  evidence: z.array(z.string()),
  judgedOn: judgedOnSchema.optional(),
});

export const gradeSchema = z.object({
  rubric: z.string(),
  earned: z.number().nonnegative(),
  possible: z.number().nonnegative(),
  provisional: z.boolean(),
  runProblems: z.array(z.string()),
  rows: z.array(gradeRowSchema),
});

export const verdictCountsSchema = z.object(
  Object.fromEntries(VERDICTS.map((verdict) => [verdict, z.int().nonnegative()])) as Record<
    Verdict,
    z.ZodInt
  >,
);

export const runResultSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSIONS_READ),
    tool: z.object({ name: z.literal('chatspec'), version: z.string() }),
    target: z.object({ address: z.string(), embedded: z.boolean() }),
    dialect: z
      .object({
        name: z.string(),
        source: z.string(),
        how: z.enum(['default', 'given', 'probed']),
        differences: z.array(z.string()),
      })
      .optional(),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs,
    strict: z.boolean(),
    timeoutMs: z.number().positive(),
    summary: verdictCountsSchema,
    preflight: preflightSchema.optional(),
    scenarios: z.array(scenarioResultSchema),
    requirements: z.array(requirementResultSchema),
    process: processReportSchema.optional(),
    grade: gradeSchema.optional(),
  })
  .superRefine((run, ctx) => {
    // Checks across fields: a report that contradicts itself would render two different
    // stories in two renderers.
    const seen = new Map<string, number>();
    run.scenarios.forEach((scenario, index) => {
      const first = seen.get(scenario.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', index, 'id'],
          message: `Duplicate scenario id "${scenario.id}" (also scenarios[${first}])`,
        });
      } else seen.set(scenario.id, index);
    });
    const requirementIds = new Map<string, number>();
    run.requirements.forEach((requirement, index) => {
      const first = requirementIds.get(requirement.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', index, 'id'],
          message: `Duplicate requirement id "${requirement.id}" (also requirements[${first}])`,
        });
      } else requirementIds.set(requirement.id, index);
    });
    for (const verdict of VERDICTS) {
      const tally = run.scenarios.filter((scenario) => scenario.verdict === verdict).length;
      if (run.summary[verdict] !== tally) {
        ctx.addIssue({
          code: 'custom',
          path: ['summary', verdict],
          message: `Summary says ${run.summary[verdict]} but ${tally} scenarios have verdict ${verdict}`,
        });
      }
    }
  });

// The schema's output must be a RunResult, and every field of the TypeScript types must be in
// the schema (zod drops keys it does not know).
runResultSchema satisfies z.ZodType<RunResult>;
type MissingKeys<T, S extends z.ZodObject> = Exclude<keyof T, keyof S['shape']>;
type Assert<T extends never> = T;
export type _SchemaCoversTypes = Assert<
  | MissingKeys<RunResult, z.ZodObject<(typeof runResultSchema)['shape']>>
  | MissingKeys<ScenarioResult, typeof scenarioResultSchema>
  | MissingKeys<RequirementResult, typeof requirementResultSchema>
  | MissingKeys<TranscriptEntry, typeof transcriptEntrySchema>
  | MissingKeys<PreflightResult, typeof preflightSchema>
  | MissingKeys<ProcessReport, typeof processReportSchema>
  | MissingKeys<Grade, typeof gradeSchema>
  | MissingKeys<GradeRow, typeof gradeRowSchema>
>;
