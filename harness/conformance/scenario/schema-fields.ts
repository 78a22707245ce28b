/** The zod schemas of a scenario file's fields; schema.ts documents the format. */
import { z } from 'zod';
import { COMMAND_NAMES, ERROR_TEXTS, isValidBase64, type ErrorCode } from '../../../specs/index.js';
import type { ScenarioGroup } from '../../../results/run.js';

export const SCENARIO_FORMAT_VERSION = 1;

export const SCENARIO_GROUPS: readonly ScenarioGroup[] = [...COMMAND_NAMES, 'FRAMING', 'GENERAL'];
export const ERROR_CODES = Object.keys(ERROR_TEXTS) as [ErrorCode, ...ErrorCode[]];

export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
export const name = z.string().regex(NAME_PATTERN, 'must be a lower-case name: a-z, 0-9, _');
/** A saved value's name: `t1`, or `alice.token` as login saves it. */
export const varName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/, 'must be a name like t1 or alice.token');
export const template = z.string().max(1024 * 1024, 'must be at most 1 MiB');
export const outcomeRule = z.enum(['error', 'miss', 'pass']);

export const idPattern = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)+$/;

export const userRoleSchema = z
  .object({
    kind: z.literal('user').optional(),
    username: z.string().min(1).optional(),
    memberOf: name.optional(),
    notMemberOf: name.optional(),
  })
  .strict();
export const groupRoleSchema = z
  .object({
    kind: z.literal('group'),
    id: z.string().min(1).optional(),
    minMembers: z.int().min(1).max(100_000).optional(),
  })
  .strict();

/** Payload kinds by their one key; each value is checked by its own schema. */
export const payloadSchemas = {
  random: z
    .object({
      random: z
        .int()
        .min(0)
        .max(64 * 1024 * 1024),
      seed: z.int().optional(),
    })
    .strict(),
  text: z.object({ text: template }).strict(),
  base64: z.object({ base64: z.string().refine(isValidBase64, 'must be base64') }).strict(),
  allByteValues: z.object({ allByteValues: z.literal(true) }).strict(),
  repeat: z
    .object({
      repeat: z.string().min(1).max(1024),
      times: z
        .int()
        .min(1)
        .max(16 * 1024 * 1024),
    })
    .strict(),
} as const;

export const delayMs = z.int().min(0).max(1000).optional();
export const piecesSchemas = {
  chunkBytes: z
    .object({
      chunkBytes: z
        .int()
        .min(1)
        .max(1 << 20),
      delayMs,
    })
    .strict(),
  splitInside: z.object({ splitInside: z.string().min(1), delayMs }).strict(),
} as const;

export const styleSchema = z
  .object({ trailingSpace: z.boolean().optional(), eol: z.enum(['CRLF', 'LF', 'none']).optional() })
  .strict();

export const textList = z.array(template).max(1000);

export const inboxSchema = z
  .object({
    empty: z.literal(true).optional(),
    from: template.optional(),
    texts: textList.optional(),
    exact: z.boolean().optional(),
    lacks: textList.optional(),
    msgFrom: template.optional(),
    msgTo: template.optional(),
  })
  .strict();

export const expectSchema = z
  .object({
    status: z.enum(['OK', 'ERROR', 'any']).optional(),
    error: z.enum(ERROR_CODES).optional(),
    okText: z.enum(['MESSAGE_SENT', 'FILE_SENT']).optional(),
    token: z
      .object({
        save: varName.optional(),
        differsFrom: z.array(varName).optional(),
        uuid4: z.boolean().optional(),
      })
      .strict()
      .optional(),
    inbox: z.union([inboxSchema, z.array(inboxSchema).min(1).max(20)]).optional(),
    files: z
      .object({
        peer: template.optional(),
        includes: textList.optional(),
        lacks: textList.optional(),
      })
      .strict()
      .optional(),
    download: z.object({ filename: template, payload: name }).strict().optional(),
    json: z.record(z.string(), z.unknown()).optional(),
    noExtraBytes: z.boolean().optional(),
    asciiOnly: z.boolean().optional(),
    timeout: outcomeRule.optional(),
    closed: outcomeRule.optional(),
    withinMs: z.int().min(1).max(600_000).optional(),
    endUnlessOk: z.boolean().optional(),
  })
  .strict();
export type RawExpect = z.infer<typeof expectSchema>;

export const common = {
  note: z.string().max(500).optional(),
  conn: name.optional(),
};

export const requestSpecSchema = z.object({ command: z.enum(COMMAND_NAMES) }).catchall(template);

export const stepSchemas = {
  login: z.object({ login: name, save: varName.optional(), ...common }).strict(),
  drain: z.object({ drain: name, ...common }).strict(),
  request: z
    .object({
      request: z.unknown(),
      as: name.optional(),
      style: styleSchema.optional(),
      omit: z.array(z.string()).max(10).optional(),
      pieces: z.unknown().optional(),
      expect: z.unknown().optional(),
      setup: z.boolean().optional(),
      ...common,
    })
    .strict(),
  raw: z
    .object({
      raw: template,
      encoding: z.enum(['utf8', 'latin1']).optional(),
      replies: z.int().min(0).max(100).optional(),
      pieces: z.unknown().optional(),
      expect: z.unknown().optional(),
      setup: z.boolean().optional(),
      ...common,
    })
    .strict(),
  flood: z
    .object({
      flood: z
        .object({
          bytes: z
            .int()
            .min(1)
            .max(1024 * 1024 * 1024),
          fill: z.string().length(1).optional(),
          chunkBytes: z
            .int()
            .min(1)
            .max(16 * 1024 * 1024)
            .optional(),
        })
        .strict(),
      ...common,
    })
    .strict(),
  close: z.object({ close: name, note: common.note }).strict(),
  forEach: z
    .object({
      forEach: z.object({ member: name, as: name, except: name.optional() }).strict(),
      steps: z.array(z.unknown()).min(1).max(200),
      note: common.note,
    })
    .strict(),
} as const;
export type StepKey = keyof typeof stepSchemas;
export const STEP_KEYS = Object.keys(stepSchemas) as StepKey[];

export const scenarioSchema = z
  .object({
    id: z
      .string()
      .regex(idPattern, 'must be hierarchical and lower case, like auth/wrong-password'),
    title: z.string().min(1).max(300),
    requirements: z.array(z.string()).min(1, 'must name at least one requirement id'),
    level: z.enum(['MUST', 'SHOULD', 'MAY']).optional(),
    group: z.enum(SCENARIO_GROUPS as [ScenarioGroup, ...ScenarioGroup[]]).optional(),
    roles: z.record(name, z.unknown()).optional(),
    payloads: z.record(name, z.unknown()).optional(),
    steps: z.array(z.unknown()).min(1, 'a scenario needs at least one step').max(500),
  })
  .strict();

export const fileSchema = z
  .object({
    version: z.literal(SCENARIO_FORMAT_VERSION).optional(),
    group: z.enum(SCENARIO_GROUPS as [ScenarioGroup, ...ScenarioGroup[]]).optional(),
    scenarios: z.array(z.unknown()).min(1, 'must list at least one scenario'),
  })
  .strict();
