/**
 * Reading a saved report.json back. A renderer that reads reports later (HTML, a matrix of
 * many servers) gets a RunResult or a ReportFormatError that names the file and the first
 * fields at fault, never a TypeError from deep inside a template.
 */
import type { z } from 'zod';
import type { RunResult } from '../results/run.js';
import { SCHEMA_VERSIONS_READ, runResultSchema } from './schema.js';
import { visibleBounded } from './visible.js';

export interface ReportIssue {
  /** Where, as a JavaScript accessor: `scenarios[3].verdict`; `(root)` for the whole file. */
  readonly path: string;
  readonly message: string;
}

export class ReportFormatError extends Error {
  override readonly name = 'ReportFormatError';
  constructor(
    message: string,
    readonly issues: readonly ReportIssue[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Issues named in the message; the rest are counted (all are in `issues`). */
const MAX_ISSUES_IN_MESSAGE = 5;

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeInput(input: unknown): string {
  if (input === undefined) return 'missing';
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    text = String(input);
  }
  return `got ${visibleBounded(text, 60)}`;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_value' && issue.input === undefined) {
    return `missing (expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')})`;
  }
  // Cross-field checks (schema.ts) say what they found in their own words.
  if (issue.code === 'custom' && issue.input === undefined) return issue.message;
  return `${issue.message} (${describeInput(issue.input)})`;
}

function fail(source: string, issues: readonly ReportIssue[], options?: ErrorOptions): never {
  // The first line names the first problem and its place; the others follow.
  const [first, ...others] = issues.slice(0, MAX_ISSUES_IN_MESSAGE);
  const listed = others.map((issue) => `\n  ${issue.path}: ${issue.message}`).join('');
  const more = issues.length - MAX_ISSUES_IN_MESSAGE;
  throw new ReportFormatError(
    `${source}: ${first?.path ?? '(root)'}: ${first?.message ?? 'invalid'} (not a valid chatspec report)${listed}${more > 0 ? `\n  (and ${more} more)` : ''}`,
    issues,
    options,
  );
}

/**
 * Parses and validates the text of a report.json. `source` names the file in errors.
 * Fields this version does not know are dropped (later versions may add fields without a
 * schemaVersion bump; see REPORT-SCHEMA.md).
 */
export function parseRunResult(text: string, source = 'report.json'): RunResult {
  let data: unknown;
  try {
    // An editor may have saved the file with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(source, [{ path: '(root)', message: `not JSON (${(error as Error).message})` }], {
      cause: error,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail(source, [{ path: '(root)', message: `expected a JSON object, ${describeInput(data)}` }]);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (
    typeof version === 'number' &&
    !(SCHEMA_VERSIONS_READ as readonly number[]).includes(version)
  ) {
    fail(source, [
      {
        path: 'schemaVersion',
        message: `this chatspec reads schemaVersion ${SCHEMA_VERSIONS_READ.join(' and ')}, the file has ${version}`,
      },
    ]);
  }
  const parsed = runResultSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  fail(
    source,
    parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: describe(issue),
    })),
    { cause: parsed.error },
  );
}
