/**
 * The small readers every reply field goes through: a Read that holds the value (and the
 * dialect rule that applied) or says in words what was found instead.
 */
import type { JsonObject, Read } from './dialect.js';

export const ok = <T>(value: T, rule?: string): Read<T> =>
  rule === undefined ? { ok: true, value } : { ok: true, value, rule };
export const no = <T>(reason: string): Read<T> => ({ ok: false, reason });

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}

export function stringField(reply: JsonObject, field: string): Read<string> {
  const value = reply[field];
  return typeof value === 'string'
    ? ok(value)
    : no(`"${field}" is ${describe(value)}, not a string`);
}
