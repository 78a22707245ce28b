/**
 * A class of servers to test in one run (`chatspec test --targets FILE`): JSON or YAML, a
 * list of entries (or `{ targets: [...] }`), each with a name, a `host:port` address — or, for
 * a server chatspec starts itself, `run:` (its command), `cwd:` (its folder, the targets
 * file's by default) and optionally `setup:` and `port:` — and optionally a fixture file, a
 * dialect (a file or a built-in name) or `probe: true`. Paths are relative to the targets
 * file. Every problem is one error naming the file, the entry
 * and the field, so an instructor fixes the file once, not once per server.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseHostPort, type HostPort } from '../../net/index.js';

/** A class larger than this is almost surely a mistake (a generated file gone wrong). */
export const MAX_TARGETS = 1000;

export class TargetsFileError extends Error {
  override readonly name = 'TargetsFileError';
}

/** How to start a server chatspec launches (see launch/): its command, folder and port. */
export interface ClassLaunch {
  readonly command: string;
  /** Absolute path of the server's folder. */
  readonly cwd: string;
  /** Run once before the server (compiling, say). */
  readonly setup?: string;
  /** The port to test, when the server opens several. */
  readonly port?: number;
}

/** A server someone else runs, at an address. */
export interface AddressClassTarget extends ClassTargetBase, HostPort {
  readonly launch?: undefined;
}

/** A server chatspec starts from its folder, and stops again. */
export interface LaunchedClassTarget extends ClassTargetBase {
  readonly launch: ClassLaunch;
}

export type ClassTarget = AddressClassTarget | LaunchedClassTarget;

interface ClassTargetBase {
  /** Unique in the file: the matrix's column and the folder of the server's report. */
  readonly name: string;
  /** As written in the file (for a launched server, its folder), for the report. */
  readonly address: string;
  /** Absolute path of the fixture file, when the entry names one. */
  readonly fixturePath?: string;
  /** A dialect file (absolute path) or a built-in dialect's name. */
  readonly dialect?: string;
  readonly probe: boolean;
}

/** A command as a launched server takes it: one line, not empty. */
export const launchCommand = z
  .string()
  .trim()
  .min(1, { message: 'must be a command' })
  .refine((text) => !/[\r\n\0]/.test(text), { message: 'must be one line' });

/**
 * What an entry says about its server beyond where it is: how to launch it, its users, its
 * dialect. A submission's own file (submission.ts) may say the same things.
 */
export const SERVER_FIELDS = {
  run: launchCommand.optional(),
  setup: launchCommand.optional(),
  port: z.int().min(1).max(65_535).optional(),
  fixture: z.string().min(1).optional(),
  dialect: z.string().min(1).optional(),
  probe: z.boolean().optional(),
};

const entrySchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(80)
      .refine((name) => !/[/\\]/.test(name) && ![...name].some((c) => c < ' ' || c === '\x7f'), {
        message: 'must not contain control characters or slashes',
      }),
    address: z
      .string()
      .refine((text) => parseHostPort(text) !== undefined, {
        message: 'expected HOST:PORT (e.g. 127.0.0.1:8889 or [::1]:8889)',
      })
      .optional(),
    cwd: z.string().min(1).optional(),
    ...SERVER_FIELDS,
  })
  .strict()
  .refine((entry) => !(entry.probe === true && entry.dialect !== undefined), {
    message: 'give a dialect or probe: true, not both',
    path: ['probe'],
  })
  .refine((entry) => (entry.address === undefined) !== (entry.run === undefined), {
    message: 'give an address (HOST:PORT) or a run command, exactly one',
    path: ['address'],
  })
  .refine(
    (entry) =>
      entry.run !== undefined ||
      (entry.cwd === undefined && entry.setup === undefined && entry.port === undefined),
    { message: 'cwd, setup and port go with run, not with an address', path: ['run'] },
  );

const fileSchema = z.union([
  z.array(entrySchema).min(1).max(MAX_TARGETS),
  z.object({ targets: z.array(entrySchema).min(1).max(MAX_TARGETS) }).strict(),
]);

function where(path: readonly PropertyKey[], entries: unknown): string {
  const [first, second, third] = path;
  const list = Array.isArray(entries)
    ? entries
    : ((entries as { targets?: unknown[] } | null)?.targets ?? []);
  const index = typeof first === 'number' ? first : typeof second === 'number' ? second : undefined;
  if (index === undefined) return path.length === 0 ? '(top level)' : path.join('.');
  const field = typeof first === 'number' ? second : third;
  const name = (list[index] as { name?: unknown } | undefined)?.name;
  const entry = `entry ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}`;
  return field === undefined ? entry : `${entry}, field ${String(field)}`;
}

/** Parses a targets file's text; `source` is its path (relative paths resolve beside it). */
export function parseTargets(text: string, source: string): ClassTarget[] {
  let data: unknown;
  try {
    data = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { logLevel: 'error' });
  } catch (error) {
    throw new TargetsFileError(
      `${source}: not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
      {
        cause: error,
      },
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const deepest =
      issue.code === 'invalid_union'
        ? (issue.errors.flat().sort((a, b) => b.path.length - a.path.length)[0] ?? issue)
        : issue;
    const path = issue.code === 'invalid_union' ? deepest.path : issue.path;
    const message =
      issue.code === 'invalid_union' && path.length === 0
        ? 'expected a list of targets (or { targets: [...] })'
        : deepest.message;
    throw new TargetsFileError(`${source}: ${where(path, data)}: ${message}`);
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.targets;
  const base = dirname(resolve(source));
  const seen = new Map<string, number>();
  return entries.map((entry, index) => {
    const first = seen.get(entry.name.toLowerCase());
    if (first !== undefined) {
      throw new TargetsFileError(
        `${source}: entry ${index + 1} (${entry.name}), field name: also the name of entry ${first + 1} (names must be unique, ignoring case)`,
      );
    }
    seen.set(entry.name.toLowerCase(), index);
    const dialect = dialectAt(base, entry.dialect);
    const common = {
      name: entry.name,
      ...(entry.fixture !== undefined ? { fixturePath: resolve(base, entry.fixture) } : {}),
      ...(dialect !== undefined ? { dialect } : {}),
      probe: entry.probe ?? false,
    };
    if (entry.run !== undefined) {
      return {
        ...common,
        address: entry.cwd ?? '.',
        launch: {
          command: entry.run,
          cwd: resolve(base, entry.cwd ?? '.'),
          ...(entry.setup !== undefined ? { setup: entry.setup } : {}),
          ...(entry.port !== undefined ? { port: entry.port } : {}),
        },
      };
    }
    const { host, port } = parseHostPort(entry.address!)!;
    return { ...common, address: entry.address!, host, port };
  });
}

/** A dialect file's path (resolved beside `base`), or a built-in dialect's name as it is. */
export function dialectAt(base: string, dialect: string | undefined): string | undefined {
  if (dialect === undefined) return undefined;
  return /[/\\.]/.test(dialect) ? resolve(base, dialect) : dialect;
}

export async function loadTargetsFile(path: string): Promise<ClassTarget[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TargetsFileError(`${path}: cannot read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseTargets(text.replace(/^\uFEFF/, ''), path);
}
