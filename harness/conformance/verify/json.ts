/**
 * A subset match on the raw reply: every field the expectation names must be there with that
 * value (objects compared the same way, recursively; arrays exactly). It bypasses the
 * dialect, so it is for fuzz replays of one server, not for the built-in scenarios.
 */
import type { JsonObject } from '../../../specs/index.js';
import { miss, pass, type Check, type Grading } from './check.js';
import { show } from './show.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The path of the first difference, or undefined when `actual` holds everything `wanted` does. */
export function subsetMismatch(wanted: unknown, actual: unknown, path = ''): string | undefined {
  if (isObject(wanted)) {
    if (!isObject(actual)) return path || '(reply)';
    for (const [key, value] of Object.entries(wanted)) {
      const found = subsetMismatch(value, actual[key], `${path}${path ? '.' : ''}${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return path;
    for (let i = 0; i < wanted.length; i++) {
      const found = subsetMismatch(wanted[i], actual[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(wanted, actual) ? undefined : path;
}

function at(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    cur = isObject(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[part] : undefined;
  }
  return cur;
}

export function verifyJson(
  reply: JsonObject,
  wanted: Readonly<Record<string, unknown>>,
  grading: Grading,
): Check[] {
  const path = subsetMismatch(wanted, reply);
  if (path === undefined) return [pass('the reply holds the expected fields')];
  return [
    miss(grading, `the reply's ${path} differs`, show(at(wanted, path)), show(at(reply, path))),
  ];
}
