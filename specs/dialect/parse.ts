/**
 * Reading a dialect file: YAML, validated, merged onto the dialect it extends. Every problem
 * is one line naming the file, the line and what is wrong (`x.yaml:7: commands.SEND: ...`).
 */
import { COMMAND_NAMES, type CommandName } from '../commands.js';
import type { ErrorCode } from '../errors.js';
import { checkSpec, dialectFileSchema, type DialectFile } from './schema.js';
import type { CommandSpelling, DialectSpec, GroupsSpec } from './spec.js';
import { lineOf, parseYamlWith, problemLine, type Path } from '../yaml-file.js';

/** A dialect file that cannot be read or is not valid; the message is one line. */
export class DialectError extends Error {
  override readonly name = 'DialectError';
}

/** Files larger than this are refused before parsing: a dialect is a page of settings. */
export const MAX_DIALECT_FILE_BYTES = 256 * 1024;

function fail(source: string, line: number, path: Path, message: string): never {
  throw new DialectError(problemLine(source, line, path, message));
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
  const { data: file, lines } = parseYamlWith(
    text,
    {
      maxBytes: MAX_DIALECT_FILE_BYTES,
      tooLargeHint: 'a dialect is a page of settings',
      mappingHint: 'a dialect file is a YAML mapping (name:, commands:, replies:, errors:)',
    },
    dialectFileSchema,
    (line, path, message) => fail(source, line, path, message),
  );
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
