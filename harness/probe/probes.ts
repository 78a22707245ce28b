/**
 * The probes kept as data (specs/probes/dialect-probes.yaml), joined with the request
 * templates of every built-in dialect, so a new dialect file is also a new probe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  BUILTIN_DIALECT_NAMES,
  COMMAND_NAMES,
  GROUP_ACTIONS,
  builtinSpec,
  groupTemplateProblem,
  templateProblem,
  type CommandName,
  type GroupAction,
} from '../../specs/index.js';
import { packageRoot } from '../../specs/package-root.js';

export interface ProbeData {
  /** Candidate request templates per command, most likely first. */
  readonly templates: Readonly<Record<CommandName, readonly string[]>>;
  readonly textKeys: readonly string[];
  readonly listKeys: readonly string[];
  /** Candidate templates for making, joining and reading a group, most likely first. */
  readonly groups: Readonly<Record<GroupAction, readonly string[]>>;
}

const schema = z
  .object({
    commands: z.partialRecord(z.enum(COMMAND_NAMES), z.array(z.string().min(1)).max(50)),
    textKeys: z.array(z.string().min(1)).min(1).max(50),
    listKeys: z.array(z.string().min(1)).min(1).max(50),
    groups: z
      .object({
        create: z.array(z.string().min(1)).max(50),
        join: z.array(z.string().min(1)).max(50),
        inbox: z.array(z.string().min(1)).max(50),
      })
      .strict(),
  })
  .strict();

let cached: ProbeData | undefined;

export function probeDataPath(): string {
  return join(packageRoot(), 'specs', 'probes', 'dialect-probes.yaml');
}

/** Loads the probe data once; a broken file is chatspec's own bug, named with its path. */
export function loadProbeData(): ProbeData {
  if (cached !== undefined) return cached;
  const path = probeDataPath();
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const templates = {} as Record<CommandName, string[]>;
  for (const command of COMMAND_NAMES) {
    const list: string[] = [];
    const add = (t: string): void => {
      const normal = t.trim().split(/\s+/).join(' ');
      if (!list.includes(normal) && templateProblem(command, normal) === undefined) {
        list.push(normal);
      }
    };
    for (const name of BUILTIN_DIALECT_NAMES) {
      const spelled = builtinSpec(name).commands[command];
      if (spelled !== 'unsupported') add(spelled.request);
    }
    for (const t of parsed.data.commands[command] ?? []) add(t);
    templates[command] = list;
  }
  const groups = {} as Record<GroupAction, string[]>;
  for (const action of GROUP_ACTIONS) {
    const list: string[] = [];
    const add = (t: string | undefined): void => {
      const normal = t?.trim().split(/\s+/).join(' ');
      if (normal === undefined || list.includes(normal)) return;
      const problem = groupTemplateProblem(action, normal);
      if (problem !== undefined)
        throw new Error(`${path}: groups.${action}: ${normal}: ${problem}`);
      list.push(normal);
    };
    for (const name of BUILTIN_DIALECT_NAMES) add(builtinSpec(name).groups?.[action]);
    for (const t of parsed.data.groups[action]) add(t);
    groups[action] = list;
  }
  cached = Object.freeze({
    groups,
    templates,
    textKeys: parsed.data.textKeys,
    listKeys: parsed.data.listKeys,
  });
  return cached;
}
