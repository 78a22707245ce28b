/**
 * The built-in dialects: every file in specs/dialects/, read once per process. A spelling
 * found in the wild is added there as data; nothing here names one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../fixture.js';
import { packageRoot } from '../package-root.js';
import type { Dialect } from './dialect.js';
import { dialectFromSpec } from './from-spec.js';
import { DialectError, MAX_DIALECT_FILE_BYTES, parseDialectText } from './parse.js';
import type { DialectSpec } from './spec.js';

/** specs/dialects/ of the installed package, whether this runs from source or from dist/. */
const DIR = join(packageRoot(), 'specs', 'dialects');

/** Names of the built-in dialects (file names without .yaml), canonical first. */
export const BUILTIN_DIALECT_NAMES: readonly string[] = Object.freeze(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort((a, b) => (a === 'canonical' ? -1 : b === 'canonical' ? 1 : a.localeCompare(b))),
);

const specs = new Map<string, DialectSpec>();
const loading = new Set<string>();

function builtinSpecOrUndefined(name: string): DialectSpec | undefined {
  const cached = specs.get(name);
  if (cached !== undefined) return cached;
  if (!BUILTIN_DIALECT_NAMES.includes(name)) return undefined;
  if (loading.has(name)) throw new DialectError(`specs/dialects/${name}.yaml:1: extends itself`);
  loading.add(name);
  try {
    const source = `specs/dialects/${name}.yaml`;
    const spec = parseDialectText(
      readFileSync(join(DIR, `${name}.yaml`), 'utf8'),
      source,
      builtinSpecOrUndefined,
      () => BUILTIN_DIALECT_NAMES,
    );
    if (spec.name !== name) {
      throw new DialectError(`${source}:1: name: "${spec.name}" must match the file name`);
    }
    const frozen = deepFreeze({ ...spec, source: `builtin:${name}` });
    specs.set(name, frozen);
    return frozen;
  } finally {
    loading.delete(name);
  }
}

/** A built-in dialect's spec by name; throws DialectError naming the known ones. */
export function builtinSpec(name: string): DialectSpec {
  const spec = builtinSpecOrUndefined(name);
  if (spec === undefined) {
    throw new DialectError(
      `no built-in dialect "${name}" (known: ${BUILTIN_DIALECT_NAMES.join(', ')})`,
    );
  }
  return spec;
}

/** A built-in dialect by name. */
export function builtinDialect(name: string, fixture?: Fixture): Dialect {
  return dialectFromSpec(builtinSpec(name), fixture === undefined ? {} : { fixture });
}

/** Parses a dialect file's text; `source` names it in messages (`x.yaml:7: ...`). */
export function parseDialect(text: string, source: string): DialectSpec {
  return parseDialectText(text, source, builtinSpecOrUndefined, () => BUILTIN_DIALECT_NAMES);
}

/** Reads and parses a dialect file (sync: it is read once, before anything runs). */
export function loadDialectSpec(path: string): DialectSpec {
  let text: string;
  try {
    const size = readFileSync(path).byteLength;
    if (size > MAX_DIALECT_FILE_BYTES) {
      throw new DialectError(
        `${path}:1: the file is larger than ${MAX_DIALECT_FILE_BYTES} bytes; a dialect is a page of settings`,
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DialectError) throw error;
    throw new DialectError(`${path}: cannot read the dialect file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseDialect(text, path);
}

export function loadDialectFile(path: string, fixture?: Fixture): Dialect {
  return dialectFromSpec(loadDialectSpec(path), fixture === undefined ? {} : { fixture });
}

/**
 * What `--dialect X` names: a file when X has a slash or ends in .yaml/.yml, else a built-in
 * name (a file of that name in the current directory wins when it exists).
 */
export function resolveDialectSpec(nameOrPath: string): DialectSpec {
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath);
  if (looksLikePath || (existsSync(nameOrPath) && !BUILTIN_DIALECT_NAMES.includes(nameOrPath))) {
    return loadDialectSpec(nameOrPath);
  }
  return builtinSpec(nameOrPath);
}

export function resolveDialect(nameOrPath: string, fixture?: Fixture): Dialect {
  return dialectFromSpec(resolveDialectSpec(nameOrPath), fixture === undefined ? {} : { fixture });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
