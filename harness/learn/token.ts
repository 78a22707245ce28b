/**
 * Where a login reply keeps its session token when it is not where the dialect looks: the
 * keys servers of this course were seen to use, then the one UUID-shaped string in the
 * reply. One root cause (the key) is then reported once, and every other rule is still
 * judged with the token found. The one home of token discovery: the preflight (harness/learn)
 * and `chatspec probe` (harness/probe) both find the token here.
 */
import type { JsonObject } from '../../specs/index.js';

/** Keys seen in the wild for the session token, most common first. */
export const TOKEN_KEYS: readonly string[] = Object.freeze([
  'tokenid',
  'token_id',
  'tokenId',
  'token',
  'session',
  'sessionid',
  'session_id',
  'sessionId',
  'sid',
  'id',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FoundToken {
  /** The reply key holding it. */
  readonly key: string;
  readonly token: string;
  /** How it was found: a known key's name, or the only UUID in the reply. */
  readonly by: 'known-key' | 'only-uuid';
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * The token of an OK login reply: under a known key (capitals aside), else the reply's only
 * UUID-shaped string. A string only: a number is not a token a dialect can read back.
 */
export function findToken(reply: JsonObject): FoundToken | undefined {
  const lower = new Map(Object.keys(reply).map((k) => [k.toLowerCase(), k]));
  for (const candidate of TOKEN_KEYS) {
    const key = lower.get(candidate.toLowerCase());
    if (key !== undefined && nonEmptyString(reply[key])) {
      return { key, token: (reply[key] as string).trim(), by: 'known-key' };
    }
  }
  const uuids = Object.entries(reply).filter(
    ([key, value]) => key !== 'status' && nonEmptyString(value) && UUID.test(value.trim()),
  );
  if (uuids.length === 1) {
    const [key, value] = uuids[0]!;
    return { key, token: (value as string).trim(), by: 'only-uuid' };
  }
  return undefined;
}

/** Why the key was taken, for a probe's note. */
export function describeFoundToken(found: FoundToken): string {
  return found.by === 'known-key'
    ? `"${found.key}" is a known token key`
    : `"${found.key}" holds the reply's only UUID`;
}
