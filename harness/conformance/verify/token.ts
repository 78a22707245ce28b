/**
 * AUTH's token: present (AUTH-1), new for every login (AUTH-4), a UUIDv4 (AUTH-5). When the
 * preflight found the token under another key, the dialect reads it there so that every
 * other rule is judged; the misplaced key itself is reported once, by the scenarios of
 * AUTH-1 (`misplaced`).
 */
import type { Dialect, JsonObject } from '../../../specs/index.js';
import type { TokenExpect } from '../scenario/types.js';
import { miss, pass, unreadable, type Check, type Grading, type ReplyShape } from './check.js';
import { show } from './show.js';

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const TOKEN_SHAPE: ReplyShape = {
  problem: 'no session token',
  expected: 'a "tokenid"',
};

/** The token sits under another key than the protocol's: found before the run. */
export interface MisplacedToken {
  readonly key: string;
  readonly by: 'known-key' | 'only-uuid';
}

export function verifyToken(
  dialect: Dialect,
  reply: JsonObject,
  expect: TokenExpect,
  grading: Grading,
  saved: ReadonlyMap<string, string>,
  save: (name: string, value: string) => void,
  misplaced?: MisplacedToken,
): Check[] {
  const token = dialect.readToken(reply);
  if (!token.ok) return unreadable(grading, TOKEN_SHAPE, token.reason, reply);
  if (misplaced !== undefined) {
    if (expect.save !== undefined) save(expect.save, token.value);
    const how = misplaced.by === 'only-uuid' ? ' (the only UUID in the reply)' : '';
    return [
      miss(
        grading,
        `the session token is under "${misplaced.key}"${how}, not "tokenid"; every other rule is judged with it, and a dialect with \`replies: { token: ${misplaced.key} }\` accepts it (\`chatspec probe HOST:PORT\` writes one)`,
        '{"status": "OK", "tokenid": "<token>"}',
        show(reply),
      ),
    ];
  }
  for (const other of expect.differsFrom) {
    if (saved.get(other) === token.value) {
      return [
        miss(
          grading,
          `the token repeats the one saved as ${other}`,
          `a token other than ${show(token.value)}`,
          show(token.value),
        ),
      ];
    }
  }
  if (expect.uuid4 && !UUID4.test(token.value)) {
    return [
      miss(
        grading,
        'the token is not a random UUID (version 4)',
        'xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx',
        show(token.value),
      ),
    ];
  }
  if (expect.save !== undefined) save(expect.save, token.value);
  return [pass('a session token')];
}
