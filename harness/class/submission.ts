/**
 * A class of submissions (`chatspec grade DIR…`): each folder is one student's server, to be
 * launched. The class gives defaults (the command, a fixture, a dialect or probing); a file
 * `chatspec.yaml` in a submission's folder may override them, since students name their files
 * and their users differently. Paths in that file are relative to the folder. Every problem
 * is one line naming the file and the field.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SERVER_FIELDS, TargetsFileError, dialectAt, type LaunchedClassTarget } from './targets.js';

/** The file in a submission's folder that overrides the class's defaults. */
export const SUBMISSION_FILE = 'chatspec.yaml';

/** What the class says for every submission, unless the submission's file says otherwise. */
export interface SubmissionDefaults {
  readonly run?: string;
  readonly setup?: string;
  readonly port?: number;
  /** Absolute path. */
  readonly fixturePath?: string;
  /** A dialect file (absolute path) or a built-in dialect's name. */
  readonly dialect?: string;
  readonly probe?: boolean;
}

const overrideSchema = z.object(SERVER_FIELDS).strict();

/** The submission in `folder`, its file's overrides applied over `defaults`. */
export async function readSubmission(
  folder: string,
  defaults: SubmissionDefaults,
): Promise<LaunchedClassTarget> {
  const dir = resolve(folder);
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new TargetsFileError(`${folder}: no such folder`);
  if (!info.isDirectory()) throw new TargetsFileError(`${folder}: not a folder`);
  const file = join(dir, SUBMISSION_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  let own: z.infer<typeof overrideSchema> = {};
  if (text !== undefined) {
    let data: unknown;
    try {
      data = parseYaml(text.replace(/^\uFEFF/, ''), { logLevel: 'error' }) ?? {};
    } catch (error) {
      throw new TargetsFileError(
        `${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        { cause: error },
      );
    }
    const parsed = overrideSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? `field ${issue.path.join('.')}` : '(top level)';
      throw new TargetsFileError(`${file}: ${field}: ${issue.message}`);
    }
    own = parsed.data;
  }
  const run = own.run ?? defaults.run;
  if (run === undefined) {
    throw new TargetsFileError(
      `${folder}: no command to start the server: give --run, or run: in its ${SUBMISSION_FILE}`,
    );
  }
  // The submission's own dialect or probing replaces the class's, both together.
  const ownDialect = own.dialect !== undefined || own.probe !== undefined;
  const dialect = ownDialect ? dialectAt(dir, own.dialect) : defaults.dialect;
  const probe = ownDialect ? (own.probe ?? false) : (defaults.probe ?? false);
  if (probe && dialect !== undefined) {
    throw new TargetsFileError(`${file}: field probe: give a dialect or probe: true, not both`);
  }
  const fixturePath = own.fixture !== undefined ? resolve(dir, own.fixture) : defaults.fixturePath;
  const setup = own.setup ?? defaults.setup;
  const port = own.port ?? defaults.port;
  return {
    name: basename(dir),
    address: folder,
    ...(fixturePath !== undefined ? { fixturePath } : {}),
    ...(dialect !== undefined ? { dialect } : {}),
    probe,
    launch: {
      command: run,
      cwd: dir,
      ...(setup !== undefined ? { setup } : {}),
      ...(port !== undefined ? { port } : {}),
    },
  };
}

/** Every submission; names (the folders' names) must be unique, ignoring case. */
export async function readSubmissions(
  folders: readonly string[],
  defaults: SubmissionDefaults,
): Promise<LaunchedClassTarget[]> {
  const targets: LaunchedClassTarget[] = [];
  const seen = new Map<string, string>();
  for (const folder of folders) {
    const target = await readSubmission(folder, defaults);
    const other = seen.get(target.name.toLowerCase());
    if (other !== undefined) {
      throw new TargetsFileError(
        `${folder}: the same name as ${other}; submissions are named by their folders, which must differ`,
      );
    }
    seen.set(target.name.toLowerCase(), folder);
    targets.push(target);
  }
  return targets;
}
