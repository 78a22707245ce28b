/** Reading what a probe's reply says, whatever keys and shapes the server uses. */
import type { InboxEntryShape, JsonObject } from '../../specs/index.js';

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function statusOf(json: JsonObject): 'OK' | 'ERROR' | undefined {
  const s = json.status;
  if (typeof s !== 'string') return undefined;
  const upper = s.trim().toUpperCase();
  return upper === 'OK' || upper === 'ERROR' ? upper : undefined;
}

/** The reply's human text and its key: a known text key first, else the only other string. */
export function textOf(
  json: JsonObject,
  textKeys: readonly string[],
): { readonly key: string; readonly text: string } | undefined {
  for (const key of textKeys) {
    const v = json[key];
    if (typeof v === 'string') return { key, text: v };
  }
  const strings = Object.entries(json).filter(
    (e): e is [string, string] => e[0] !== 'status' && typeof e[1] === 'string',
  );
  return strings.length === 1 ? { key: strings[0]![0], text: strings[0]![1] } : undefined;
}

/** Keys whose value is an object or an array: where an inbox or a file list may sit. */
export function listKeysOf(json: JsonObject, preferred: readonly string[]): string[] {
  const keys = Object.keys(json).filter(
    (k) => k !== 'status' && typeof json[k] === 'object' && json[k] !== null,
  );
  return keys.sort((a, b) => rank(preferred, a) - rank(preferred, b));
}

function rank(list: readonly string[], key: string): number {
  const i = list.indexOf(key);
  return i < 0 ? list.length : i;
}

export interface Located {
  /** The reply key holding the inbox. */
  readonly replyKey: string;
  /** The inbox key it is listed under (sender, group), or undefined for a flat array. */
  readonly peer: string | undefined;
  readonly index: number;
  readonly entry: unknown;
  /** The entries listed beside it under the same key. */
  readonly siblings: readonly unknown[];
}

/** The text an entry carries, in any of the known shapes. */
export function entryText(entry: unknown): string | undefined {
  if (typeof entry === 'string') {
    if (entry.trimStart().startsWith('{')) {
      try {
        const inner: unknown = JSON.parse(entry);
        const text = entryText(inner);
        if (text !== undefined) return text;
      } catch {
        // a plain string after all
      }
    }
    return entry;
  }
  if (isObject(entry)) {
    if (typeof entry.msg === 'string') return entry.msg;
    if (typeof entry.message === 'string') return entry.message;
    if (typeof entry.text === 'string') return entry.text;
  }
  return undefined;
}

/** Finds the entry whose text is `needle` (surrounding whitespace ignored). */
export function locate(
  json: JsonObject,
  needle: string,
  preferred: readonly string[],
): Located | undefined {
  for (const replyKey of listKeysOf(json, preferred)) {
    const value = json[replyKey];
    const lists: [string | undefined, unknown[]][] = Array.isArray(value)
      ? [[undefined, value]]
      : Object.entries(value as JsonObject).filter((e): e is [string, unknown[]] =>
          Array.isArray(e[1]),
        );
    for (const [peer, list] of lists) {
      const index = list.findIndex((e) => entryText(e)?.trim() === needle);
      if (index >= 0) return { replyKey, peer, index, entry: list[index], siblings: list };
    }
  }
  return undefined;
}

/** An entry's shape, judged by the sender's username and full name. */
export function shapeOf(
  entry: unknown,
  username: string,
  fullName: string,
): InboxEntryShape | undefined {
  if (typeof entry === 'string') {
    if (entry.trimStart().startsWith('{')) {
      try {
        const inner: unknown = JSON.parse(entry);
        if (isObject(inner) && typeof inner.msg === 'string') return 'json-string';
      } catch {
        // a plain string
      }
    }
    return 'string';
  }
  if (!isObject(entry)) return undefined;
  if (typeof entry.msg === 'string') {
    const from = typeof entry.msg_from === 'string' ? entry.msg_from.trim() : '';
    if (from === username && from !== fullName) return 'object-usernames';
    return 'object-full-names';
  }
  if (typeof entry.message === 'string') return 'from-message';
  return undefined;
}

/** Where a file name sits in a file-list reply: under a peer (map) or in a flat list. */
export function locateFile(
  json: JsonObject,
  filename: string,
  preferred: readonly string[],
):
  | { readonly replyKey: string; readonly shape: 'map' | 'list'; readonly peer?: string }
  | undefined {
  for (const replyKey of listKeysOf(json, preferred)) {
    const value = json[replyKey];
    if (Array.isArray(value)) {
      if (value.some((v) => typeof v === 'string' && v.trim() === filename))
        return { replyKey, shape: 'list' };
      continue;
    }
    for (const [peer, names] of Object.entries(value as JsonObject)) {
      if (
        Array.isArray(names) &&
        names.some((v) => typeof v === 'string' && v.trim() === filename)
      ) {
        return { replyKey, shape: 'map', peer };
      }
    }
  }
  return undefined;
}
