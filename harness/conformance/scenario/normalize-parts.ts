/** Roles, payloads, pieces, line styles and expectations of a scenario step, checked and normalized. */
import type { z } from 'zod';
import type { LineStyle } from '../../../specs/index.js';
import type { Expect, OutcomeRule, PayloadSpec, Pieces, RoleSpec } from './types.js';
import type { IssueList } from './schema-issues.js';
import type { Path } from './schema-issues.js';
import type { styleSchema } from './schema-fields.js';
import {
  expectSchema,
  groupRoleSchema,
  payloadSchemas,
  piecesSchemas,
  userRoleSchema,
  type RawExpect,
} from './schema-fields.js';

export function normalizeRole(value: unknown, path: Path, issues: IssueList): RoleSpec | undefined {
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

export function normalizePayload(
  value: unknown,
  path: Path,
  issues: IssueList,
): PayloadSpec | undefined {
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

export function normalizePieces(value: unknown, path: Path, issues: IssueList): Pieces | undefined {
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

export const EOLS = { CRLF: '\r\n', LF: '\n', none: '' } as const;

export function normalizeStyle(raw: z.infer<typeof styleSchema> | undefined): LineStyle {
  return Object.freeze({
    trailingSpace: raw?.trailingSpace ?? true,
    eol: EOLS[raw?.eol ?? 'CRLF'],
  });
}

export function normalizeExpect(
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

export function normalizeExpects(
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
