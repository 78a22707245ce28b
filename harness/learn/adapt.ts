/**
 * A dialect adjusted by what the preflight learned: today, "as given, but the token sits
 * under another key". Once dialects are data, this becomes the DialectSpec spread with
 * `replies.token` replaced; until then it wraps the Dialect interface.
 */
import type { Dialect, JsonObject, Read } from '../../specs/index.js';

export function withTokenKey(dialect: Dialect, key: string): Dialect {
  return Object.freeze({
    ...dialect,
    name: `${dialect.name}, token under "${key}"`,
    formatRequest: dialect.formatRequest.bind(dialect),
    readToken(reply: JsonObject): Read<string> {
      const value = reply[key];
      if (typeof value !== 'string') return { ok: false, reason: `"${key}" is not a string` };
      if (value.trim().length === 0) return { ok: false, reason: `"${key}" is empty` };
      return { ok: true, value: value.trim() };
    },
  });
}
