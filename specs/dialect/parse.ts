/**
 * Reading a dialect file: YAML, validated, merged onto the dialect it extends. Every problem
 * is one line naming the file, the line and what is wrong (`x.yaml:7: commands.SEND: ...`).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { COMMAND_NAMES, type CommandName } from '../commands.js';
import type { ErrorCode } from '../errors.js';
import { checkSpec, dialectFileSchema, type DialectFile } from './schema.js';
import type { CommandSpelling, DialectSpec, GroupsSpec } from './spec.js';

/** A dialect file that cannot be read or is not valid; the message is one line. */
export class DialectError extends Error {
  override readonly name = 'DialectError';
}

/** Files larger than this are refused before parsing: a dialect is a page of settings. */
export const MAX_DIALECT_FILE_BYTES = 256 * 1024;

type Path = readonly (string | number)[];

function dotted(path: Path): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key),
    '',
  );
}

/** Line numbers (1-based) of every setting in the file, by dotted path. */
function collectLines(doc: Document, counter: LineCounter): Record<string, number> {
  const lines: Record<string, number> = {};
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const at = (pair.key as Node).range?.[0];
        if (at !== undefined) lines[dotted([...path, key])] = counter.linePos(at).line;
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const at = (item as Node | null)?.range?.[0];
        if (at !== undefined) lines[dotted([...path, i])] = counter.linePos(at).line;
        walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return lines;
}

/** The line of the deepest part of `path` the file has; line 1 when it has none. */
function lineOf(lines: Readonly<Record<string, number>>, path: Path): number {
  for (let n = path.length; n > 0; n--) {
    const line = lines[dotted(path.slice(0, n))];
    if (line !== undefined) return line;
  }
  return 1;
}

function fail(source: string, line: number, path: Path, message: string): never {
  const where = path.length > 0 ? `${dotted(path)}: ` : '';
  throw new DialectError(`${source}:${line}: ${where}${message}`);
}

function spellingOf(
  value: NonNullable<NonNullable<DialectFile['commands']>[CommandName]>,
): CommandSpelling | 'unsupported' {
  if (value === 'unsupported') return 'unsupported';
  return typeof value === 'string' ? { request: value } : { request: value.request };
}

/** The base's group settings with the file's laid over; `null` takes one away. */
function groupsOf(base: DialectSpec, file: DialectFile): { groups?: GroupsSpec } {
  const merged: Record<string, string> = { ...base.groups };
  for (const [key, value] of Object.entries(file.groups ?? {})) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return Object.keys(merged).length > 0 ? { groups: merged as GroupsSpec } : {};
}

/** The file's settings laid over its base, as plain data. */
function merge(
  base: DialectSpec,
  file: DialectFile,
  source: string,
  lines: Record<string, number>,
): DialectSpec {
  const commands = { ...base.commands } as Record<CommandName, CommandSpelling | 'unsupported'>;
  for (const command of COMMAND_NAMES) {
    const value = file.commands?.[command];
    if (value !== undefined) commands[command] = spellingOf(value);
  }
  const r = file.replies ?? {};
  const download = { ...base.replies.download, ...r.download };
  if (r.download?.text === null) delete (download as { text?: unknown }).text;
  const errors: Partial<Record<ErrorCode, readonly string[]>> = { ...base.errors };
  for (const [code, texts] of Object.entries(file.errors ?? {})) {
    if (texts !== undefined)
      errors[code as ErrorCode] = typeof texts === 'string' ? [texts] : [...texts];
  }
  const spec: DialectSpec = {
    name: file.name,
    ...(file.description !== undefined ? { description: file.description.trim() } : {}),
    source,
    commands,
    replies: {
      token: r.token ?? base.replies.token,
      errorText: r.errorText ?? base.replies.errorText,
      okText: r.okText ?? base.replies.okText,
      inbox: { ...base.replies.inbox, ...r.inbox },
      files: { ...base.replies.files, ...r.files },
      download: download as DialectSpec['replies']['download'],
    },
    ...groupsOf(base, file),
    errors,
    lines,
  };
  return spec;
}

/**
 * Parses a dialect file's text. `source` names the file in messages; `baseOf` finds the
 * dialect a file extends by name (undefined for an unknown name). A file that says
 * `extends: none` must say everything itself.
 */
export function parseDialectText(
  text: string,
  source: string,
  baseOf: (name: string) => DialectSpec | undefined,
  knownBases: () => readonly string[],
): DialectSpec {
  if (Buffer.byteLength(text, 'utf8') > MAX_DIALECT_FILE_BYTES) {
    fail(
      source,
      1,
      [],
      `the file is larger than ${MAX_DIALECT_FILE_BYTES} bytes; a dialect is a page of settings`,
    );
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0]?.line ?? counter.linePos(syntax.pos[0]).line;
    fail(source, line, [], `not valid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const lines = collectLines(doc, counter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb or an alias to nothing: yaml throws a ReferenceError for both.
    fail(source, 1, [], `not valid YAML: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(source, 1, [], 'a dialect file is a YAML mapping (name:, commands:, replies:, errors:)');
  }
  const parsed = dialectFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let path: (string | number)[] = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path = [...path, issue.keys[0]!];
      message = 'unknown setting';
    } else if (issue.code === 'invalid_type' && /received undefined/.test(message)) {
      message = 'is required';
    }
    fail(source, lineOf(lines, path), path, message);
  }
  const file = parsed.data;
  const baseName = file.extends ?? 'canonical';
  let spec: DialectSpec;
  if (baseName === 'none') {
    const missing = missingSettings(file);
    if (missing !== undefined)
      fail(
        source,
        lineOf(lines, ['extends']),
        [],
        `with "extends: none" the file must give ${missing}`,
      );
    spec = merge(EMPTY_BASE, file, source, lines);
  } else {
    const base = baseOf(baseName);
    if (base === undefined) {
      fail(
        source,
        lineOf(lines, ['extends']),
        ['extends'],
        `no built-in dialect "${baseName}" (known: ${knownBases().join(', ')})`,
      );
    }
    spec = merge(base, file, source, lines);
  }
  const problem = checkSpec(spec)[0];
  if (problem !== undefined)
    fail(source, lineOf(lines, problem.path), problem.path, problem.message);
  return spec;
}

/** What a file with `extends: none` left out, or undefined when it says everything. */
function missingSettings(file: DialectFile): string | undefined {
  for (const command of COMMAND_NAMES) {
    if (file.commands?.[command] === undefined) return `commands.${command}`;
  }
  const r = file.replies;
  const need: [string, unknown][] = [
    ['replies.token', r?.token],
    ['replies.errorText', r?.errorText],
    ['replies.okText', r?.okText],
    ['replies.inbox.key', r?.inbox?.key],
    ['replies.inbox.personal', r?.inbox?.personal],
    ['replies.inbox.group', r?.inbox?.group],
    ['replies.inbox.groupKey', r?.inbox?.groupKey],
    ['replies.inbox.destructive', r?.inbox?.destructive],
    ['replies.inbox.order', r?.inbox?.order],
    ['replies.files.key', r?.files?.key],
    ['replies.files.shape', r?.files?.shape],
    ['replies.download.filename', r?.download?.filename],
    ['replies.download.data', r?.download?.data],
  ];
  return need.find(([, v]) => v === undefined)?.[0];
}

/** Placeholders for a file that says everything; every field is overwritten by merge. */
const EMPTY_BASE: DialectSpec = {
  name: 'none',
  commands: Object.fromEntries(
    COMMAND_NAMES.map((c) => [c, 'unsupported']),
  ) as DialectSpec['commands'],
  replies: {
    token: '',
    errorText: '',
    okText: '',
    inbox: {
      key: '',
      personal: 'string',
      group: 'string',
      groupKey: 'group',
      destructive: true,
      order: 'oldest-first',
      // Not required of a file: servers announcing files in the inbox are the exception.
      fileNotices: false,
    },
    files: { key: '', shape: 'map' },
    download: { filename: '', data: '' },
  },
  errors: {},
};

/** The dotted path's line in the spec's file, for naming the rule that applied. */
export function lineOfSetting(spec: DialectSpec, path: string): number | undefined {
  return spec.lines?.[path];
}
