/**
 * A fixture file (JSON or YAML): read, checked and frozen, or refused with a FixtureError
 * that names the file and what is wrong. Kept apart from the fixture itself, so code that
 * only uses a fixture (a load worker) does not load the checker.
 */
import { z } from 'zod';
import type { Fixture } from './fixture.js';
import { deepFreeze, jsonValue, readInputText } from './input-file.js';

/** A word that can travel as one param of a request line. */
const wireWord = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(/^[^\s]+$/, 'must not contain spaces or line breaks (it travels as one param)');

const fixtureSchema = z
  .object({
    users: z
      .array(
        z
          .object({ username: wireWord, password: wireWord, name: z.string().min(1).max(256) })
          .strict(),
      )
      .min(1, 'must list at least one user')
      .max(100_000),
    groups: z
      .array(
        z
          .object({
            id: wireWord,
            name: z.string().min(1).max(256),
            members: z.array(wireWord).min(1, 'a group needs at least one member'),
          })
          .strict(),
      )
      .max(100_000)
      .default([]),
  })
  .strict()
  .superRefine((fixture, ctx) => {
    const usernames = new Set<string>();
    fixture.users.forEach((user, i) => {
      if (usernames.has(user.username)) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', i, 'username'],
          message: `duplicate username "${user.username}"`,
        });
      }
      usernames.add(user.username);
    });
    const groupIds = new Set<string>();
    fixture.groups.forEach((group, i) => {
      if (groupIds.has(group.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i, 'id'],
          message: `duplicate group id "${group.id}"`,
        });
      }
      groupIds.add(group.id);
      // Inbox and my_file key personal entries by username and group entries by group id.
      if (usernames.has(group.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i, 'id'],
          message: `group id "${group.id}" is also a username; inbox keys would be ambiguous`,
        });
      }
      group.members.forEach((member, j) => {
        if (!usernames.has(member)) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', i, 'members', j],
            message: `unknown user "${member}"`,
          });
        }
      });
    });
  });

/** A fixture that could not be read or is not valid; the message names the file and field. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
    '',
  );
}

/** Validates a parsed fixture; `source` names where it came from in error messages. */
export function parseFixture(value: unknown, source = 'fixture'): Fixture {
  const result = fixtureSchema.safeParse(value);
  if (!result.success) {
    // One line: the first problem and its place, and how many more there are.
    const issues = result.error.issues;
    const first = issues[0]!;
    const missing = /^Invalid input: expected (\w+), received undefined$/.exec(first.message);
    const problem = missing ? `is missing (expected ${missing[1]})` : first.message;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new FixtureError(
      `${source}: invalid fixture: ${formatPath(first.path) || '(top level)'}: ${problem}${more}`,
    );
  }
  return deepFreeze(result.data);
}

/** Reads and validates a fixture JSON file. */
export async function loadFixtureFile(path: string): Promise<Fixture> {
  const text = await readInputText(path, 'fixture file', FixtureError);
  return parseFixture(jsonValue(text, path, FixtureError, 'fixture is not valid JSON'), path);
}
