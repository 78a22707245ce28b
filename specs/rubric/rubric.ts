/**
 * A rubric: how many points each requirement is worth. Points are given by level, by command
 * (FRAME, PROTO and SESSION rows count under `all`), by command and level, or by requirement;
 * the most specific rule wins. NON-STRICT (the behaviour right, a SHOULD text missed) may earn
 * a share of the points. Every server of a run is scored out of the same total: the points of
 * every requirement, whatever the server has.
 */
import { z } from 'zod';
import { COMMAND_NAMES, type CommandName } from '../commands.js';
import {
  REQUIREMENTS,
  isRequirementId,
  requirementCommand,
  type Level,
  type Requirement,
  type RequirementId,
} from '../requirements.js';
import { lineOf, parseYamlWith, problemLine } from '../yaml-file.js';
import { DEFAULT_RUBRIC_YAML } from './default.js';

/** A rubric file that cannot be read or is not valid; the message is one line. */
export class RubricError extends Error {
  override readonly name = 'RubricError';
}

/** Larger files are refused before parsing: a rubric is a page of numbers. */
export const MAX_RUBRIC_FILE_BYTES = 64 * 1024;

/** The command key of the rows every command shares (FRAME, PROTO, SESSION). */
export const ALL_COMMANDS = 'all';
export type RubricCommand = CommandName | typeof ALL_COMMANDS;

const points = z.number().nonnegative().max(1000);
const byLevel = z.strictObject({
  MUST: points.optional(),
  SHOULD: points.optional(),
  MAY: points.optional(),
});
const COMMAND_KEYS = [...COMMAND_NAMES, ALL_COMMANDS] as const;

const rubricFileSchema = z.strictObject({
  name: z.string().min(1).max(100),
  /** The share of a requirement's points a NON-STRICT verdict earns, 0 to 1 (default 0). */
  nonStrictCredit: z.number().min(0).max(1).optional(),
  points: z.strictObject({
    level: byLevel.optional(),
    commands: z.partialRecord(z.enum(COMMAND_KEYS), z.union([points, byLevel])).optional(),
    requirements: z
      .record(z.string(), points)
      .superRefine((record, ctx) => {
        for (const key of Object.keys(record).filter((k) => !isRequirementId(k))) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'not a requirement id of the protocol',
          });
        }
      })
      .optional(),
  }),
});

export interface Rubric {
  readonly name: string;
  readonly nonStrictCredit: number;
  /** Points of every requirement of the protocol, in its order. */
  readonly points: Readonly<Record<RequirementId, number>>;
  /** Where each requirement's points came from, for the breakdown (`commands.SEND.MUST`). */
  readonly rule: Readonly<Record<RequirementId, string>>;
}

export function rubricCommand(id: RequirementId): RubricCommand {
  return requirementCommand(id) ?? ALL_COMMANDS;
}

function pointsOf(
  file: z.infer<typeof rubricFileSchema>,
  req: Requirement,
): { points: number; rule: string } {
  const own = file.points.requirements?.[req.id];
  if (own !== undefined) return { points: own, rule: `requirements.${req.id}` };
  const command = rubricCommand(req.id);
  const byCommand = file.points.commands?.[command];
  if (typeof byCommand === 'number') return { points: byCommand, rule: `commands.${command}` };
  const commandLevel = byCommand?.[req.level];
  if (commandLevel !== undefined) {
    return { points: commandLevel, rule: `commands.${command}.${req.level}` };
  }
  const level = file.points.level?.[req.level as Level];
  if (level !== undefined) return { points: level, rule: `level.${req.level}` };
  return { points: 0, rule: 'no rule (0)' };
}

/** Parses a rubric file's text; `source` names it in errors (`rubric.yaml:4: points…: …`). */
export function parseRubric(text: string, source: string): Rubric {
  const fail = (line: number, path: readonly (string | number)[], message: string): never => {
    throw new RubricError(problemLine(source, line, path, message));
  };
  const { data, lines } = parseYamlWith(
    text,
    {
      maxBytes: MAX_RUBRIC_FILE_BYTES,
      tooLargeHint: 'a rubric is a page of points',
      mappingHint: 'a rubric file is a YAML mapping (name:, nonStrictCredit:, points:)',
    },
    rubricFileSchema,
    fail,
  );
  const out: Partial<Record<RequirementId, number>> = {};
  const rule: Partial<Record<RequirementId, string>> = {};
  for (const req of REQUIREMENTS) {
    const got = pointsOf(data, req);
    out[req.id] = got.points;
    rule[req.id] = got.rule;
  }
  if (Object.values(out).every((p) => p === 0)) {
    fail(lineOf(lines, ['points']), ['points'], 'every requirement is worth 0 points');
  }
  return Object.freeze({
    name: data.name,
    nonStrictCredit: data.nonStrictCredit ?? 0,
    points: Object.freeze(out as Record<RequirementId, number>),
    rule: Object.freeze(rule as Record<RequirementId, string>),
  });
}

export function defaultRubric(): Rubric {
  return parseRubric(DEFAULT_RUBRIC_YAML, 'default rubric');
}

export { DEFAULT_RUBRIC_YAML };
