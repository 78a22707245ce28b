/** The steps of a scenario (login, drain, request, raw, flood, close, forEach), checked and normalized. */
import type { z } from 'zod';
import { COMMANDS, isParamName, type CommandName, type ParamName } from '../../../specs/index.js';
import type { RequestTemplate, Step } from './types.js';
import type { IssueList } from './schema-issues.js';
import type { Path } from './schema-issues.js';
import { STEP_KEYS, requestSpecSchema, stepSchemas } from './schema-fields.js';
import {
  normalizeExpect,
  normalizeExpects,
  normalizePieces,
  normalizeStyle,
} from './normalize-parts.js';

export function normalizeRequest(
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
export function shortRaw(text: string, maxChars = 40): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, maxChars);
  const open = cut.lastIndexOf('${');
  if (open >= 0 && !cut.includes('}', open)) cut = cut.slice(0, open);
  return `${cut}…`;
}

export function normalizeStep(
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
        if (isParamName(p)) omit.push(p);
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
