/**
 * Reading a small YAML settings file (a dialect, a rubric) so that every problem is one line
 * naming the file, the line and the setting: `x.yaml:7: commands.SEND: ...`. One home for the
 * parsing, the line numbers and the reading of a zod issue, for every such file alike.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

export type Path = readonly (string | number)[];

export function dotted(path: Path): string {
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
export function lineOf(lines: Readonly<Record<string, number>>, path: Path): number {
  for (let n = path.length; n > 0; n--) {
    const line = lines[dotted(path.slice(0, n))];
    if (line !== undefined) return line;
  }
  return 1;
}

/** The one line a problem is reported as: `FILE:LINE: PATH: MESSAGE`. */
export function problemLine(source: string, line: number, path: Path, message: string): string {
  const where = path.length > 0 ? `${dotted(path)}: ` : '';
  return `${source}:${line}: ${where}${message}`;
}

export interface YamlFile {
  /** The document as plain data: a mapping (anything else is refused). */
  readonly value: object;
  /** Line numbers of its settings, by dotted path. */
  readonly lines: Readonly<Record<string, number>>;
}

/**
 * Parses a YAML (or JSON) mapping; `fail` is called with the line, the path and the problem
 * of a file that is too large, not YAML, or not a mapping (`mappingHint` says what it holds).
 */
export function readYamlMapping(
  text: string,
  options: {
    readonly maxBytes: number;
    readonly tooLargeHint: string;
    readonly mappingHint: string;
  },
  fail: (line: number, path: Path, message: string) => never,
): YamlFile {
  if (Buffer.byteLength(text, 'utf8') > options.maxBytes) {
    fail(1, [], `the file is larger than ${options.maxBytes} bytes; ${options.tooLargeHint}`);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0]?.line ?? counter.linePos(syntax.pos[0]).line;
    fail(line, [], `not valid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const lines = collectLines(doc, counter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb or an alias to nothing: yaml throws a ReferenceError for both.
    fail(1, [], `not valid YAML: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(1, [], options.mappingHint);
  }
  return { value, lines };
}

/** A zod issue as a path and a message, an unknown key named as such. */
export function issueProblem(issue: z.core.$ZodIssue): { path: Path; message: string } {
  let path: (string | number)[] = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...path, issue.keys[0]!];
    message = 'unknown setting';
  } else if (issue.code === 'invalid_type' && /received undefined/.test(message)) {
    message = 'is required';
  }
  return { path, message };
}

/**
 * A YAML mapping read and checked against `schema`; the first problem goes to `fail` with its
 * line and path.
 */
export function parseYamlWith<S extends z.ZodType>(
  text: string,
  options: Parameters<typeof readYamlMapping>[1],
  schema: S,
  fail: (line: number, path: Path, message: string) => never,
): { readonly data: z.output<S>; readonly lines: Readonly<Record<string, number>> } {
  const { value, lines } = readYamlMapping(text, options, fail);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { path, message } = issueProblem(parsed.error.issues[0]!);
    return fail(lineOf(lines, path), path, message);
  }
  return { data: parsed.data, lines };
}
