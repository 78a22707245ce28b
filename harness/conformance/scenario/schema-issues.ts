/** Where a scenario file is wrong: every issue with its field path, so a file is fixed in one pass. */
import type { z } from 'zod';

/** One problem in a scenario file: where (a field path) and what. */
export interface SchemaIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type Path = readonly (string | number)[];

export class IssueList {
  readonly issues: SchemaIssue[] = [];
  add(path: Path, message: string): void {
    this.issues.push({ path: [...path], message });
  }
  /** Parses with a zod schema; on failure records every issue under `path`. */
  parse<T>(schema: z.ZodType<T>, value: unknown, path: Path): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      // zod says "Invalid input: expected string, received undefined" for a missing field.
      const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
      const message = missing ? `is missing (expected ${missing[1]})` : issue.message;
      this.add(
        [...path, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        message,
      );
    }
    return undefined;
  }
  /** Parses a value that is one item or a list of items; returns the list. */
  parseOneOrMany<T>(
    schema: z.ZodType<T>,
    value: unknown,
    path: Path,
    maxItems: number,
  ): { items: T[]; list: boolean } | undefined {
    if (!Array.isArray(value)) {
      const one = this.parse(schema, value, path);
      return one === undefined ? undefined : { items: [one], list: false };
    }
    if (value.length === 0 || value.length > maxItems) {
      this.add(path, `must list 1 to ${maxItems} items`);
      return undefined;
    }
    const items: T[] = [];
    let ok = true;
    value.forEach((item, i) => {
      const parsed = this.parse(schema, item, [...path, i]);
      if (parsed === undefined) ok = false;
      else items.push(parsed);
    });
    return ok ? { items, list: true } : undefined;
  }
  /** Picks a schema by which of its keys the object has (`{ random: … }`, `{ text: … }`). */
  parseByKey<K extends string, T>(
    schemas: Readonly<Record<K, z.ZodType<T>>>,
    value: unknown,
    path: Path,
  ): { key: K; value: T } | undefined {
    const keys = Object.keys(schemas) as K[];
    const present =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? keys.filter((k) => k in value)
        : [];
    if (present.length !== 1) {
      this.add(path, `must be an object with exactly one of: ${keys.join(', ')}`);
      return undefined;
    }
    const key = present[0]!;
    const parsed = this.parse(schemas[key], value, path);
    return parsed === undefined ? undefined : { key, value: parsed };
  }
}
