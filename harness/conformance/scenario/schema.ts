/**
 * The scenario file format (YAML or JSON), version 1. specs/scenarios/README.md is the guide
 * with examples; this is the contract, checked field by field so that an error names the
 * file and the field (`send.yaml: scenarios[3].steps[2].expect.status: …`).
 *
 *   version: 1                      # optional
 *   group: SEND                     # report group for the file: a command name, FRAMING or GENERAL
 *   scenarios:
 *     - id: send/delivered          # stable, hierarchical, lower case; never positional
 *       title: the recipient's inbox holds the message under the sender's username
 *       requirements: [SEND-2]      # ids from specs/requirements.ts; never their text
 *       level: MUST                 # optional; default the strictest level of `requirements`
 *       roles:                      # bound to fixture users and groups at run time
 *         alice: user               # users are always distinct from each other
 *         bob: user
 *         g: { kind: group, minMembers: 2 }      # optional `id: group1` pins a group
 *         m: { memberOf: g }        # also notMemberOf; optional `username: messi` pins a user
 *       payloads:                   # file contents; `${blob}` is their base64
 *         blob: { random: 1048576, seed: 7 }     # or { text: … }, { base64: … }, { allByteValues: true },
 *                                                # { repeat: 'ab ', times: 500 }; ${blob.text} is it as text
 *       steps:                      # run in order; the first decisive miss ends the scenario
 *         - login: alice            # auth; saves `${alice.token}`; conn `alice`; optional save, conn
 *         - drain: bob              # login first; reads bob's inbox so leftovers do not count
 *         - request: { command: SEND, to: "${bob}", text: "hi ${tag}" }
 *           as: alice               # session = ${alice.token}, conn = alice
 *           expect: { status: OK, okText: MESSAGE_SENT }
 *         - request: { command: INBOX }
 *           as: bob
 *           expect: { inbox: { from: "${alice}", texts: ["hi ${tag}"] } }
 *
 * Steps: `login`, `drain`, `request` (one request, or a list sent in one write; with `as`,
 * `conn`, `style: {trailingSpace, eol: CRLF|LF|none}`, `omit: [param…]`, `pieces:
 * {chunkBytes|splitInside, delayMs}`, `expect` (one, or a list for a list of requests),
 * `setup: true`), `raw` (bytes as written; `encoding: utf8|latin1`, `replies: N`, `pieces`,
 * `expect`), `flood: {bytes, fill, chunkBytes}`, `close: CONN`, and `forEach: {member: G, as:
 * ROLE, except: ROLE}` with nested `steps`. Every step takes an optional `note`.
 *
 * Expect: `status: OK|ERROR|any`, `error: CODE` (specs/errors.ts), `okText: MESSAGE_SENT|
 * FILE_SENT`, `token: {save, differsFrom, uuid4}`, `inbox: {empty | from, texts, exact,
 * lacks, msgFrom, msgTo}` (or a list of them, one per key, on the same reply), `files: {peer, includes, lacks}`, `download: {filename, payload}`,
 * `json: {field: value}`, `noExtraBytes: true`, `asciiOnly: true` (raw non-ASCII in the reply is
 * an INFORMATIONAL note, never a miss), and what an outcome other than a reply means:
 * `timeout: error|miss|pass`, `closed: error|miss|pass` (default error), and `withinMs: N` (wait
 * at most N ms for this reply, less than the scenario's budget; for replies that may not come),
 * `endUnlessOk: true` (a reply other than OK ends the scenario there, unjudged: what follows
 * needs the OK, and another requirement grades a refusal).
 *
 * Templates: `${role}` (username or group id), `${role.password}`, `${role.name}`,
 * `${role.token}` (after login), saved names, payload names (`${p}` base64, `${p.text}` UTF-8),
 * `${run}` (this run), `${tag}`
 * (this scenario in this run; put it in every text and filename), `${uuid}` (a random UUID
 * never issued), `${name|flip}` (the value with its last character changed), `$$` for `$`.
 */
import { z } from 'zod';
import {
  COMMANDS,
  COMMAND_NAMES,
  ERROR_TEXTS,
  isRequirementId,
  isValidBase64,
  strictestLevel,
  type CommandName,
  type ErrorCode,
  type LineStyle,
  type ParamName,
  type RequirementId,
} from '../../../specs/index.js';
import type { ScenarioGroup } from '../../../results/run.js';
import type {
  Expect,
  OutcomeRule,
  PayloadSpec,
  Pieces,
  RequestTemplate,
  RoleSpec,
  Scenario,
  Step,
} from './types.js';

export const SCENARIO_FORMAT_VERSION = 1;

/** One problem in a scenario file: where (a field path) and what. */
export interface SchemaIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export const SCENARIO_GROUPS: readonly ScenarioGroup[] = [...COMMAND_NAMES, 'FRAMING', 'GENERAL'];
const ERROR_CODES = Object.keys(ERROR_TEXTS) as [ErrorCode, ...ErrorCode[]];

const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const name = z.string().regex(NAME_PATTERN, 'must be a lower-case name: a-z, 0-9, _');
/** A saved value's name: `t1`, or `alice.token` as login saves it. */
const varName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/, 'must be a name like t1 or alice.token');
const template = z.string().max(1024 * 1024, 'must be at most 1 MiB');
const outcomeRule = z.enum(['error', 'miss', 'pass']);

const idPattern = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)+$/;

const userRoleSchema = z
  .object({
    kind: z.literal('user').optional(),
    username: z.string().min(1).optional(),
    memberOf: name.optional(),
    notMemberOf: name.optional(),
  })
  .strict();
const groupRoleSchema = z
  .object({
    kind: z.literal('group'),
    id: z.string().min(1).optional(),
    minMembers: z.int().min(1).max(100_000).optional(),
  })
  .strict();

/** Payload kinds by their one key; each value is checked by its own schema. */
const payloadSchemas = {
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

const delayMs = z.int().min(0).max(1000).optional();
const piecesSchemas = {
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

const styleSchema = z
  .object({ trailingSpace: z.boolean().optional(), eol: z.enum(['CRLF', 'LF', 'none']).optional() })
  .strict();

const textList = z.array(template).max(1000);

const inboxSchema = z
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

const expectSchema = z
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
type RawExpect = z.infer<typeof expectSchema>;

const common = {
  note: z.string().max(500).optional(),
  conn: name.optional(),
};

const requestSpecSchema = z.object({ command: z.enum(COMMAND_NAMES) }).catchall(template);

const stepSchemas = {
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
type StepKey = keyof typeof stepSchemas;
const STEP_KEYS = Object.keys(stepSchemas) as StepKey[];

const scenarioSchema = z
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

const fileSchema = z
  .object({
    version: z.literal(SCENARIO_FORMAT_VERSION).optional(),
    group: z.enum(SCENARIO_GROUPS as [ScenarioGroup, ...ScenarioGroup[]]).optional(),
    scenarios: z.array(z.unknown()).min(1, 'must list at least one scenario'),
  })
  .strict();

type Path = readonly (string | number)[];

class IssueList {
  readonly issues: SchemaIssue[] = [];
  add(path: Path, message: string): void {
    this.issues.push({ path: [...path], message });
  }
  /** Parses with a zod schema; on failure records every issue under `path`. */
  parse<T>(schema: z.ZodType<T>, value: unknown, path: Path): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      // zod says "Invalid input: expected string, received undefined" for a missing field.
      const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
      const message = missing ? `is missing (expected ${missing[1]})` : issue.message;
      this.add(
        [...path, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        message,
      );
    }
    return undefined;
  }
  /** Parses a value that is one item or a list of items; returns the list. */
  parseOneOrMany<T>(
    schema: z.ZodType<T>,
    value: unknown,
    path: Path,
    maxItems: number,
  ): { items: T[]; list: boolean } | undefined {
    if (!Array.isArray(value)) {
      const one = this.parse(schema, value, path);
      return one === undefined ? undefined : { items: [one], list: false };
    }
    if (value.length === 0 || value.length > maxItems) {
      this.add(path, `must list 1 to ${maxItems} items`);
      return undefined;
    }
    const items: T[] = [];
    let ok = true;
    value.forEach((item, i) => {
      const parsed = this.parse(schema, item, [...path, i]);
      if (parsed === undefined) ok = false;
      else items.push(parsed);
    });
    return ok ? { items, list: true } : undefined;
  }
  /** Picks a schema by which of its keys the object has (`{ random: … }`, `{ text: … }`). */
  parseByKey<K extends string, T>(
    schemas: Readonly<Record<K, z.ZodType<T>>>,
    value: unknown,
    path: Path,
  ): { key: K; value: T } | undefined {
    const keys = Object.keys(schemas) as K[];
    const present =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? keys.filter((k) => k in value)
        : [];
    if (present.length !== 1) {
      this.add(path, `must be an object with exactly one of: ${keys.join(', ')}`);
      return undefined;
    }
    const key = present[0]!;
    const parsed = this.parse(schemas[key], value, path);
    return parsed === undefined ? undefined : { key, value: parsed };
  }
}

function normalizeRole(value: unknown, path: Path, issues: IssueList): RoleSpec | undefined {
  if (value === 'user') return { kind: 'user' };
  if (value === 'group') return { kind: 'group', minMembers: 1 };
  if (typeof value === 'string' || value === null || typeof value !== 'object') {
    issues.add(path, 'must be user, group, or an object like { memberOf: g } or { kind: group }');
    return undefined;
  }
  if ((value as { kind?: unknown }).kind === 'group') {
    const raw = issues.parse(groupRoleSchema, value, path);
    if (raw === undefined) return undefined;
    return { kind: 'group', minMembers: raw.minMembers ?? 1, ...(raw.id ? { id: raw.id } : {}) };
  }
  const raw = issues.parse(userRoleSchema, value, path);
  if (raw === undefined) return undefined;
  return {
    kind: 'user',
    ...(raw.username ? { username: raw.username } : {}),
    ...(raw.memberOf ? { memberOf: raw.memberOf } : {}),
    ...(raw.notMemberOf ? { notMemberOf: raw.notMemberOf } : {}),
  };
}

function normalizePayload(value: unknown, path: Path, issues: IssueList): PayloadSpec | undefined {
  const parsed = issues.parseByKey<keyof typeof payloadSchemas, Record<string, unknown>>(
    payloadSchemas,
    value,
    path,
  );
  if (parsed === undefined) return undefined;
  const raw = parsed.value;
  switch (parsed.key) {
    case 'random':
      return {
        kind: 'random',
        bytes: raw.random as number,
        seed: (raw.seed as number | undefined) ?? 1,
      };
    case 'text':
      return { kind: 'text', text: raw.text as string };
    case 'base64':
      return { kind: 'base64', base64: raw.base64 as string };
    case 'allByteValues':
      return { kind: 'allByteValues' };
    case 'repeat':
      return { kind: 'repeat', text: raw.repeat as string, times: raw.times as number };
  }
}

function normalizePieces(value: unknown, path: Path, issues: IssueList): Pieces | undefined {
  if (value === undefined) return undefined;
  const parsed = issues.parseByKey<keyof typeof piecesSchemas, Record<string, unknown>>(
    piecesSchemas,
    value,
    path,
  );
  if (parsed === undefined) return undefined;
  const delay = (parsed.value.delayMs as number | undefined) ?? 0;
  return parsed.key === 'chunkBytes'
    ? { chunkBytes: parsed.value.chunkBytes as number, delayMs: delay }
    : { splitInside: parsed.value.splitInside as string, delayMs: delay };
}

const EOLS = { CRLF: '\r\n', LF: '\n', none: '' } as const;

function normalizeStyle(raw: z.infer<typeof styleSchema> | undefined): LineStyle {
  return Object.freeze({
    trailingSpace: raw?.trailingSpace ?? true,
    eol: EOLS[raw?.eol ?? 'CRLF'],
  });
}

function normalizeExpect(
  raw: RawExpect,
  defaultStatus: Expect['status'],
  path: Path,
  issues: IssueList,
): Expect {
  const wantsOk =
    raw.okText !== undefined ||
    raw.token !== undefined ||
    raw.inbox !== undefined ||
    raw.files !== undefined ||
    raw.download !== undefined;
  const status = raw.status ?? (raw.error !== undefined ? 'ERROR' : wantsOk ? 'OK' : defaultStatus);
  if (raw.error !== undefined && status !== 'ERROR') {
    issues.add([...path, 'status'], `must be ERROR (or absent) when "error" is given`);
  }
  if (wantsOk && status !== 'OK') {
    issues.add([...path, 'status'], 'must be OK (or absent) when a success field is checked');
  }
  // Several inbox checks (one per key) may read the same reply.
  const inboxes = raw.inbox === undefined ? [] : Array.isArray(raw.inbox) ? raw.inbox : [raw.inbox];
  inboxes.forEach((inbox, n) => {
    const at = Array.isArray(raw.inbox) ? [...path, 'inbox', n] : [...path, 'inbox'];
    if (inbox.empty && (inbox.texts !== undefined || inbox.from !== undefined)) {
      issues.add(at, '"empty" cannot go with "from" or "texts"');
    }
    if ((inbox.texts || inbox.msgFrom || inbox.msgTo) && inbox.from === undefined) {
      issues.add([...at, 'from'], 'is needed with "texts", "msgFrom" or "msgTo"');
    }
    if (!inbox.exact) {
      // Without the tag the check would count leftovers of earlier runs (robust, not lenient).
      for (const key of ['texts', 'lacks'] as const) {
        inbox[key]?.forEach((text, i) => {
          if (!text.includes('${tag}')) {
            issues.add([...at, key, i], 'must contain ${tag} (or set exact: true)');
          }
        });
      }
    }
  });
  const token = raw.token;
  return {
    status,
    ...(raw.error !== undefined ? { error: raw.error } : {}),
    ...(raw.okText !== undefined ? { okText: raw.okText } : {}),
    ...(token !== undefined
      ? {
          token: {
            ...(token.save !== undefined ? { save: token.save } : {}),
            differsFrom: token.differsFrom ?? [],
            uuid4: token.uuid4 ?? false,
          },
        }
      : {}),
    ...(inboxes.length > 0
      ? { inbox: inboxes.map((inbox) => ({ ...inbox, exact: inbox.exact ?? false })) }
      : {}),
    ...(raw.files !== undefined ? { files: raw.files } : {}),
    ...(raw.download !== undefined ? { download: raw.download } : {}),
    ...(raw.json !== undefined ? { json: raw.json } : {}),
    noExtraBytes: raw.noExtraBytes ?? false,
    ...(raw.asciiOnly === true ? { asciiOnly: true } : {}),
    onTimeout: (raw.timeout ?? 'error') as OutcomeRule,
    onClosed: (raw.closed ?? 'error') as OutcomeRule,
    ...(raw.withinMs !== undefined ? { withinMs: raw.withinMs } : {}),
    ...(raw.endUnlessOk === true ? { endUnlessOk: true } : {}),
  };
}

function normalizeExpects(
  value: unknown,
  count: number,
  defaultStatus: Expect['status'],
  path: Path,
  issues: IssueList,
): Expect[] {
  let list: RawExpect[] = [];
  let isList = false;
  if (value !== undefined) {
    const parsed = issues.parseOneOrMany(expectSchema, value, path, 100);
    if (parsed === undefined) return [];
    list = parsed.items;
    isList = parsed.list;
    if (list.length !== count && (isList || count !== 1)) {
      issues.add(
        path,
        `lists ${list.length} expectation(s) for ${count} repl${count === 1 ? 'y' : 'ies'}`,
      );
    }
  }
  const out: Expect[] = [];
  for (let i = 0; i < count; i++) {
    const itemPath = isList ? [...path, i] : path;
    out.push(normalizeExpect(list[i] ?? list[0] ?? {}, defaultStatus, itemPath, issues));
  }
  return out;
}

function normalizeRequest(
  raw: z.infer<typeof requestSpecSchema>,
  as: string | undefined,
  omit: readonly ParamName[],
  path: Path,
  issues: IssueList,
): RequestTemplate {
  const command: CommandName = raw.command;
  const spec = COMMANDS[command];
  const known = new Set<string>([...spec.params, ...(spec.tailParam ? [spec.tailParam] : [])]);
  const params: Partial<Record<ParamName, string>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'command') continue;
    if (!known.has(key)) {
      issues.add(
        [...path, key],
        `is not a param of ${command} (its params: ${[...known].join(', ')})`,
      );
      continue;
    }
    params[key as ParamName] = value as string;
  }
  if (as !== undefined) {
    if (!spec.takesSession)
      issues.add(path, `"as" needs a command that takes a session; ${command} does not`);
    else if (params.session === undefined) params.session = `\${${as}.token}`;
  }
  for (const param of spec.params) {
    if (params[param] === undefined && !omit.includes(param)) {
      issues.add([...path, param], `is missing (or list it in "omit" to leave it out on purpose)`);
    }
  }
  if (spec.tailParam === 'text' && !omit.includes('text') && !params.text?.trim()) {
    issues.add([...path, 'text'], 'is missing or empty (list it in "omit" to leave it out)');
  }
  if (spec.tailParam === 'data' && params.data === undefined) params.data = '';
  return { command, params };
}

/** The start of a raw text for a default note, never cut inside a `${…}` placeholder. */
function shortRaw(text: string, maxChars = 40): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, maxChars);
  const open = cut.lastIndexOf('${');
  if (open >= 0 && !cut.includes('}', open)) cut = cut.slice(0, open);
  return `${cut}…`;
}

function normalizeStep(
  value: unknown,
  path: Path,
  issues: IssueList,
  depth: number,
): Step | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.add(path, `must be an object with one of: ${STEP_KEYS.join(', ')}`);
    return undefined;
  }
  const keys = STEP_KEYS.filter((k) => k in value);
  if (keys.length !== 1) {
    issues.add(
      path,
      keys.length === 0
        ? `must have one of: ${STEP_KEYS.join(', ')}`
        : `has ${keys.join(' and ')}; a step does one thing`,
    );
    return undefined;
  }
  const key = keys[0]!;
  switch (key) {
    case 'login': {
      const s = issues.parse(stepSchemas.login, value, path);
      if (s === undefined) return undefined;
      return {
        kind: 'request',
        note: s.note ?? `log in as ${s.login}`,
        conn: s.conn ?? s.login,
        requests: [
          {
            command: 'AUTH',
            params: { username: `\${${s.login}}`, password: `\${${s.login}.password}` },
          },
        ],
        style: normalizeStyle(undefined),
        omit: [],
        expect: [
          normalizeExpect(
            { status: 'OK', token: { save: s.save ?? `${s.login}.token` } },
            'OK',
            path,
            issues,
          ),
        ],
        setup: true,
      };
    }
    case 'drain': {
      const s = issues.parse(stepSchemas.drain, value, path);
      if (s === undefined) return undefined;
      return {
        kind: 'request',
        note: s.note ?? `empty ${s.drain}'s inbox`,
        conn: s.conn ?? s.drain,
        requests: [{ command: 'INBOX', params: { session: `\${${s.drain}.token}` } }],
        style: normalizeStyle(undefined),
        omit: [],
        expect: [normalizeExpect({ status: 'OK' }, 'OK', path, issues)],
        setup: true,
      };
    }
    case 'request': {
      const s = issues.parse(stepSchemas.request, value, path);
      if (s === undefined) return undefined;
      const omit: ParamName[] = [];
      for (const [i, p] of (s.omit ?? []).entries()) {
        const all = [
          'username',
          'password',
          'session',
          'to',
          'peer',
          'group',
          'filename',
          'text',
          'data',
        ];
        if (all.includes(p)) omit.push(p as ParamName);
        else issues.add([...path, 'omit', i], `"${p}" is not a param name`);
      }
      const parsed = issues.parseOneOrMany(requestSpecSchema, s.request, [...path, 'request'], 100);
      if (parsed === undefined) return undefined;
      const requests = parsed.items.map((r, i) =>
        normalizeRequest(
          r,
          s.as,
          omit,
          parsed.list ? [...path, 'request', i] : [...path, 'request'],
          issues,
        ),
      );
      const pieces = normalizePieces(s.pieces, [...path, 'pieces'], issues);
      const first = requests[0]!;
      return {
        kind: 'request',
        note: s.note ?? `${first.command.toLowerCase()}${s.as ? ` as ${s.as}` : ''}`,
        conn: s.conn ?? s.as ?? 'main',
        requests,
        style: normalizeStyle(s.style),
        omit,
        ...(pieces ? { pieces } : {}),
        expect: normalizeExpects(s.expect, requests.length, 'OK', [...path, 'expect'], issues),
        setup: s.setup ?? false,
      };
    }
    case 'raw': {
      const s = issues.parse(stepSchemas.raw, value, path);
      if (s === undefined) return undefined;
      const count =
        s.replies ?? (s.expect === undefined ? 1 : Array.isArray(s.expect) ? s.expect.length : 1);
      const pieces = normalizePieces(s.pieces, [...path, 'pieces'], issues);
      return {
        kind: 'raw',
        note: s.note ?? `write ${JSON.stringify(shortRaw(s.raw))}`,
        conn: s.conn ?? 'main',
        text: s.raw,
        encoding: s.encoding ?? 'utf8',
        ...(pieces ? { pieces } : {}),
        expect:
          count === 0 && s.expect === undefined
            ? []
            : normalizeExpects(s.expect, count, 'any', [...path, 'expect'], issues),
        setup: s.setup ?? false,
      };
    }
    case 'flood': {
      const s = issues.parse(stepSchemas.flood, value, path);
      if (s === undefined) return undefined;
      return {
        kind: 'flood',
        note: s.note ?? `${s.flood.bytes} bytes without a line end`,
        conn: s.conn ?? 'main',
        bytes: s.flood.bytes,
        fill: s.flood.fill ?? 'a',
        chunkBytes: s.flood.chunkBytes ?? 64 * 1024,
      };
    }
    case 'close': {
      const s = issues.parse(stepSchemas.close, value, path);
      if (s === undefined) return undefined;
      return { kind: 'close', note: s.note ?? `close ${s.close}`, conn: s.close };
    }
    case 'forEach': {
      const s = issues.parse(stepSchemas.forEach, value, path);
      if (s === undefined) return undefined;
      if (depth > 0) {
        issues.add(path, 'forEach cannot be nested');
        return undefined;
      }
      const steps = s.steps
        .map((inner, i) => normalizeStep(inner, [...path, 'steps', i], issues, depth + 1))
        .filter((x): x is Step => x !== undefined);
      return {
        kind: 'forEach',
        note: s.note ?? `for each member ${s.forEach.as} of ${s.forEach.member}`,
        group: s.forEach.member,
        as: s.forEach.as,
        ...(s.forEach.except !== undefined ? { except: s.forEach.except } : {}),
        steps,
      };
    }
  }
}

function normalizeScenario(
  value: unknown,
  fileGroup: ScenarioGroup | undefined,
  source: string,
  path: Path,
  issues: IssueList,
): Scenario | undefined {
  const s = issues.parse(scenarioSchema, value, path);
  if (s === undefined) return undefined;
  const requirements: RequirementId[] = [];
  s.requirements.forEach((id, i) => {
    if (isRequirementId(id)) requirements.push(id);
    else
      issues.add(
        [...path, 'requirements', i],
        `unknown requirement id "${id}" (see specs/requirements.ts)`,
      );
  });
  const group = s.group ?? fileGroup;
  if (group === undefined)
    issues.add([...path, 'group'], 'is needed here or at the top of the file');
  const roles: Record<string, RoleSpec> = {};
  for (const [roleName, raw] of Object.entries(s.roles ?? {})) {
    const role = normalizeRole(raw, [...path, 'roles', roleName], issues);
    if (role !== undefined) roles[roleName] = role;
  }
  const payloads: Record<string, PayloadSpec> = {};
  for (const [payloadName, raw] of Object.entries(s.payloads ?? {})) {
    if (payloadName in roles)
      issues.add([...path, 'payloads', payloadName], 'has the name of a role');
    const payload = normalizePayload(raw, [...path, 'payloads', payloadName], issues);
    if (payload !== undefined) payloads[payloadName] = payload;
  }
  const steps = s.steps
    .map((step, i) => normalizeStep(step, [...path, 'steps', i], issues, 0))
    .filter((x): x is Step => x !== undefined);
  if (group === undefined) return undefined;
  return {
    id: s.id,
    title: s.title,
    group,
    requirements,
    level: s.level ?? strictestLevel(requirements),
    roles,
    payloads,
    steps,
    source,
  };
}

/**
 * Validates a parsed scenario file. Returns the scenarios, or every issue found (each with
 * its field path) so that a person fixes a file in one pass.
 */
export function validateScenarioFile(
  value: unknown,
  source: string,
): { ok: true; scenarios: Scenario[] } | { ok: false; issues: SchemaIssue[] } {
  const issues = new IssueList();
  const file = issues.parse(fileSchema, value, []);
  const scenarios: Scenario[] = [];
  if (file !== undefined) {
    file.scenarios.forEach((raw, i) => {
      const scenario = normalizeScenario(raw, file.group, source, ['scenarios', i], issues);
      if (scenario !== undefined) scenarios.push(scenario);
    });
  }
  return issues.issues.length > 0 ? { ok: false, issues: issues.issues } : { ok: true, scenarios };
}
