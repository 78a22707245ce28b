/**
 * Reading saved results for `chatspec report` and `chatspec compare`: a report.json, a
 * fuzz-report.json or a load result, told apart by their fields and each validated by its
 * own reader. Any problem is a usage error naming the file (exit 2).
 */
import { basename, dirname } from 'node:path';
import type { RunResult } from '../results/index.js';
import type { FuzzResult } from '../results/index.js';
import { rawFromDocument, summarize, type LoadReport } from '../results/index.js';
import { detectResultKind, parseFuzzResult, parseRunResult } from '../reports/index.js';
import {
  BUILTIN_DIALECT_NAMES,
  Secrets,
  builtinSpec,
  type DialectSpec,
  type Fixture,
  jsonValue,
  readInputText,
} from '../specs/index.js';
import { UsageError } from './usage.js';

export type ResultFile =
  | { readonly kind: 'test'; readonly path: string; readonly result: RunResult }
  | { readonly kind: 'fuzz'; readonly path: string; readonly result: FuzzResult }
  | { readonly kind: 'load'; readonly path: string; readonly result: LoadReport };

export async function readResultDocument(path: string): Promise<ResultFile> {
  const text = await readInputText(path, '', UsageError);
  const value = jsonValue(text.replace(/^\uFEFF/, ''), path, UsageError);
  const kind = detectResultKind(value);
  try {
    switch (kind) {
      case 'test':
        // Validated by the schema; rendered from the document itself, so fields a newer
        // chatspec added (the dialect rule that applied) still show.
        parseRunResult(text, path);
        return { kind, path, result: value as RunResult };
      case 'fuzz':
        return { kind, path, result: parseFuzzResult(value, path) };
      case 'load':
        return { kind, path, result: summarize(rawFromDocument(value, path)) };
      default:
        throw new UsageError(
          `${path}: not a chatspec result (expected report.json, fuzz-report.json or a load --json result)`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message, { cause: error });
  }
}

/** A name for a saved result: its folder's for `…/NAME/report.json`, else the file's own. */
export function resultName(path: string): string {
  const file = basename(path);
  if (/^(report|fuzz-report)\.json$/i.test(file)) {
    const folder = basename(dirname(path));
    if (folder !== '' && folder !== '.') return folder;
  }
  return file.replace(/\.json$/i, '');
}

/**
 * A saved result with its secrets masked, as every renderer must get it: a report written with
 * --keep-secrets holds the passwords. The dialect that says where a password is: the one given,
 * else a built-in one the report names; the fixture's passwords are masked anywhere.
 */
export function maskedResultFile(
  file: ResultFile,
  given: { readonly dialect?: DialectSpec; readonly fixture?: Fixture } = {},
): ResultFile {
  const named = file.kind === 'test' ? file.result.dialect?.source : undefined;
  const builtin = named?.startsWith('builtin:') ? named.slice('builtin:'.length) : undefined;
  const dialect =
    given.dialect ??
    (builtin !== undefined && BUILTIN_DIALECT_NAMES.includes(builtin)
      ? builtinSpec(builtin)
      : undefined);
  const secrets = new Secrets({
    ...(dialect ? { dialect } : {}),
    ...(given.fixture ? { fixture: given.fixture } : {}),
  });
  switch (file.kind) {
    case 'test':
      return { ...file, result: secrets.maskResult(file.result) };
    case 'fuzz':
      // The scenario file names passwords by role; replaying it needs them.
      return { ...file, result: secrets.maskResult(file.result, ['scenario']) };
    case 'load':
      return file;
  }
}
