/**
 * Validates what a page sends. Objects are strict: a message that names a host, a port or a
 * target (or anything else the bridge does not know) is refused, not ignored, so a page can
 * never believe it reached somewhere the bridge does not go.
 */
import { z } from 'zod';
import { canonicalBase64, isValidBase64 } from '../../specs/index.js';
import type { PageMessage } from './protocol.js';

const word = z
  .string()
  .min(1)
  .max(256)
  .regex(/^\S+$/, 'must be one word (no spaces or line breaks)');
const text = z
  .string()
  .min(1)
  .max(64 * 1024)
  .refine((t) => !/[\r\n]/.test(t), 'must be one line')
  .refine((t) => t.trim().length > 0, 'must not be blank');
// Sent on a request line as given: its one canonical spelling, so no blank splits the line.
const base64 = z
  .string()
  .refine(isValidBase64, 'must be base64')
  .transform((text) => canonicalBase64(text)!);
const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const schema = z.discriminatedUnion('op', [
  z.object({ id, op: z.literal('login'), username: word, password: word }).strict(),
  z.object({ id, op: z.literal('logout') }).strict(),
  z.object({ id, op: z.literal('send'), to: word, text }).strict(),
  z.object({ id, op: z.literal('sendGroup'), group: word, text }).strict(),
  z.object({ id, op: z.literal('sendFile'), to: word, filename: word, data: base64 }).strict(),
  z
    .object({ id, op: z.literal('sendGroupFile'), group: word, filename: word, data: base64 })
    .strict(),
  z.object({ id, op: z.literal('myFiles') }).strict(),
  z.object({ id, op: z.literal('download'), peer: word, filename: word }).strict(),
]);

const TARGET_KEYS = ['target', 'host', 'port', 'address', 'url', 'line', 'raw'];

export type ParsedPageMessage =
  | { readonly ok: true; readonly message: PageMessage }
  | { readonly ok: false; readonly id?: number; readonly reason: string };

export function parsePageMessage(raw: string, target: string): ParsedPageMessage {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const maybeId =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { id?: unknown }).id === 'number'
      ? (value as { id: number }).id
      : undefined;
  const withId = maybeId === undefined ? {} : { id: maybeId };
  if (value !== null && typeof value === 'object') {
    const named = TARGET_KEYS.find((key) => key in value);
    if (named !== undefined) {
      return {
        ok: false,
        ...withId,
        reason: `"${named}" refused: this bridge talks only to ${target}, given on its command line`,
      };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
    return { ok: false, ...withId, reason: `bad message: ${where}${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, message: parsed.data as PageMessage };
}
