/**
 * The dialect file's schema. A file says only how its server differs from the dialect it
 * extends (canonical unless it names another), so every field is optional here; the merged
 * result is then checked for completeness and consistency (checkSpec).
 */
import { z } from 'zod';
import { COMMAND_NAMES, type CommandName } from '../commands.js';
import { ERROR_TEXTS, type ErrorCode } from '../errors.js';
import { groupSendIsSend } from './group-send.js';
import type { DialectSpec, InboxEntryShape } from './spec.js';
import { INBOX_ENTRY_SHAPES } from './spec.js';
import {
  GROUP_ACTIONS,
  compileTemplate,
  groupTemplateProblem,
  templateProblem,
  verbOf,
} from './template.js';

const replyKey = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be lower-case letters, digits, ".", "_" or "-"');

const spelling = z.union([
  z.literal('unsupported'),
  z.string().min(1).max(200),
  z.object({ request: z.string().min(1).max(200) }).strict(),
]);

const shape = z.enum(INBOX_ENTRY_SHAPES as [InboxEntryShape, ...InboxEntryShape[]], {
  error: `must be one of ${INBOX_ENTRY_SHAPES.join(', ')}`,
});

/** `null` takes a base dialect's group action away again. */
const groupTemplate = z.string().min(1).max(200);

const errorCodes = Object.keys(ERROR_TEXTS) as [ErrorCode, ...ErrorCode[]];
const errorText = z.string().min(1).max(200);

export const dialectFileSchema = z
  .object({
    name,
    description: z.string().max(2000).optional(),
    extends: name.optional(),
    commands: z
      .object(
        Object.fromEntries(COMMAND_NAMES.map((c) => [c, spelling.optional()])) as Record<
          CommandName,
          z.ZodOptional<typeof spelling>
        >,
      )
      .strict()
      .optional(),
    replies: z
      .object({
        token: replyKey.optional(),
        errorText: replyKey.optional(),
        okText: replyKey.optional(),
        inbox: z
          .object({
            key: replyKey.optional(),
            personal: shape.optional(),
            group: shape.optional(),
            groupKey: z.enum(['group', 'sender']).optional(),
            destructive: z.boolean().optional(),
            order: z.enum(['oldest-first', 'newest-first']).optional(),
            fileNotices: z.boolean().optional(),
          })
          .strict()
          .optional(),
        files: z
          .object({ key: replyKey.optional(), shape: z.enum(['map', 'list']).optional() })
          .strict()
          .optional(),
        download: z
          .object({
            filename: replyKey.optional(),
            data: replyKey.optional(),
            text: z.union([replyKey, z.null()]).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    groups: z
      .object({
        create: z.union([groupTemplate, z.null()]).optional(),
        join: z.union([groupTemplate, z.null()]).optional(),
        inbox: z.union([groupTemplate, z.null()]).optional(),
        inboxKey: replyKey.optional(),
      })
      .strict()
      .optional(),
    errors: z
      .partialRecord(z.enum(errorCodes), z.union([errorText, z.array(errorText).min(1).max(20)]))
      .optional(),
  })
  .strict();

export type DialectFile = z.infer<typeof dialectFileSchema>;

/** A problem with a merged spec, at a dotted path. */
export interface SpecProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Checks what the schema cannot: templates, verbs used twice, an AUTH to log in with. */
export function checkSpec(spec: DialectSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const verbs = new Map<string, CommandName>();
  for (const command of COMMAND_NAMES) {
    const spelled = spec.commands[command];
    if (spelled === 'unsupported') {
      if (command === 'AUTH') {
        problems.push({
          path: ['commands', command],
          message: 'AUTH cannot be unsupported: nothing works without a session',
        });
      }
      continue;
    }
    const problem = templateProblem(command, spelled.request);
    if (problem !== undefined) {
      problems.push({ path: ['commands', command], message: problem });
      continue;
    }
    const verb = compileTemplate(command, spelled.request).verb.toLowerCase();
    const other = verbs.get(verb);
    const sharedSend = other === 'SEND' && command === 'SEND_GROUP' && groupSendIsSend(spec);
    if (other !== undefined && !sharedSend) {
      problems.push({
        path: ['commands', command],
        message: `the verb "${verb}" is already ${other}'s; a server could not tell them apart`,
      });
    }
    if (!sharedSend) verbs.set(verb, command);
  }
  const actionVerbs = new Map<string, string>();
  for (const action of GROUP_ACTIONS) {
    const template = spec.groups?.[action];
    if (template === undefined) continue;
    const problem = groupTemplateProblem(action, template);
    if (problem !== undefined) {
      problems.push({ path: ['groups', action], message: problem });
      continue;
    }
    const verb = verbOf(template).toLowerCase();
    const other = verbs.get(verb) ?? actionVerbs.get(verb);
    if (other !== undefined) {
      problems.push({
        path: ['groups', action],
        message: `the verb "${verb}" is already ${other}'s; a server could not tell them apart`,
      });
    }
    actionVerbs.set(verb, `groups.${action}`);
  }
  if (spec.groups?.join !== undefined && spec.groups.create === undefined) {
    problems.push({
      path: ['groups', 'join'],
      message: 'a group is joined only once created: give groups.create',
    });
  }
  return problems;
}
