/**
 * Reads the bad-input corpus: one YAML (or JSON) file per case, checked against
 * corpusCaseSchema. Every problem is a CorpusError with one line naming the file, the line
 * and field, and what is wrong (`nul-in-verb.yaml:7: expect.replies[0].error: …`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LineCounter, isNode, parseDocument } from 'yaml';
import type { z } from 'zod';
import { yamlValue } from '../../specs/index.js';
import { corpusCaseSchema, type CorpusCase } from './schema.js';

export class CorpusError extends Error {
  override readonly name = 'CorpusError';
}

/** A case file's name is its id: lower case, digits and dashes. */
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** What each union accepts, said once, instead of zod's "Invalid input". */
const UNION_HINTS: ReadonlyArray<[RegExp, string]> = [
  [
    /^send$/,
    'must be an object with exactly one of: text (with optional encoding), base64, generate',
  ],
  [/^how$/, 'must be one-write, byte-by-byte, { chunkBytes, delayMs } or { splitInside, delayMs }'],
  [
    /^expect\.replies\[\d+\]$/,
    'must be { error: CODE } or { ok: MESSAGE_SENT|FILE_SENT|TOKEN|ANY, json? }',
  ],
];

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  if (issue.code === 'invalid_union') {
    const hint = UNION_HINTS.find(([pattern]) => pattern.test(path));
    if (hint) return hint[1];
  }
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
  return missing ? `is missing (expected ${missing[1]})` : issue.message;
}

/** Parses one case file's text; `source` names it in errors. */
export function parseCorpusCase(text: string, source: string): CorpusCase {
  const name = basename(source, extname(source));
  if (!NAME_PATTERN.test(name)) {
    throw new CorpusError(`${source}: the file name must be lower case, digits and dashes`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0].line;
    const message = first.message.split('\n')[0]!;
    throw new CorpusError(`${source}${line ? `:${line}` : ''}: not valid YAML: ${message}`, {
      cause: first,
    });
  }
  const value = yamlValue(doc, source, CorpusError);
  const result = corpusCaseSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // The deepest node that exists along the issue's path gives the line.
    let line: number | undefined;
    for (let n = issue.path.length; n >= 0 && line === undefined; n--) {
      const node: unknown = doc.getIn(issue.path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    const where = formatPath(issue.path) || '(top level)';
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new CorpusError(
      `${source}${line ? `:${line}` : ''}: ${where}: ${describeIssue(issue)}${more}`,
    );
  }
  return { ...result.data, name, source };
}

/** Every case in `dir`, sorted by name. */
export function loadCorpus(dir: string): CorpusCase[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new CorpusError(`${dir}: cannot list the corpus: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return names
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => {
      const path = join(dir, n);
      return parseCorpusCase(readFileSync(path, 'utf8'), path);
    });
}
