/**
 * The CLI's side of grading: reading a rubric file or a grading file (paths relative to the
 * grading file), refusing flags that contradict a pinned grading, and warning when the
 * grading was made with another chatspec version.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  MAX_RUBRIC_FILE_BYTES,
  RubricError,
  defaultRubric,
  parseRubric,
  type Rubric,
} from '../specs/rubric/rubric.js';
import { MAX_GRADING_FILE_BYTES, parseGradingFile } from '../specs/rubric/grading.js';
import { toolVersion } from '../specs/package-root.js';
import { UsageError } from './usage.js';

async function readBounded(path: string, maxBytes: number, what: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.size > maxBytes) {
      throw new UsageError(`${path}: the file is larger than ${maxBytes} bytes; ${what}`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: cannot read it (${(error as Error).message})`, {
      cause: error,
    });
  }
}

export async function loadRubric(path: string | undefined): Promise<Rubric> {
  if (path === undefined) return defaultRubric();
  const text = await readBounded(path, MAX_RUBRIC_FILE_BYTES, 'a rubric is a page of points');
  try {
    return parseRubric(text, path);
  } catch (error) {
    if (error instanceof RubricError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** What a grading file pins, as the flags of `chatspec test`. */
export interface GradingSettings {
  readonly rubric?: string;
  readonly fixture?: string;
  readonly dialect?: string;
  readonly probe?: boolean;
  readonly timeout?: number;
}

/**
 * Reads a grading file. `given` are the flags the command line set; one that the grading file
 * also pins is refused, so that no run under a grading silently differs from the grader's.
 */
export async function loadGradingFile(
  path: string,
  given: { rubric?: string; fixture?: string; dialect?: string; probe?: boolean },
  warn: (line: string) => void,
): Promise<GradingSettings> {
  const text = await readBounded(path, MAX_GRADING_FILE_BYTES, 'a grading file is a few settings');
  let file;
  try {
    file = parseGradingFile(text, path);
  } catch (error) {
    if (error instanceof RubricError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  for (const flag of ['rubric', 'fixture', 'dialect', 'probe'] as const) {
    if (given[flag] !== undefined) {
      throw new UsageError(
        `--${flag} and --grading exclude each other: ${path} pins the grading (edit it instead)`,
      );
    }
  }
  const version = toolVersion();
  if (file.chatspec !== version) {
    warn(
      `chatspec: ${path} was made for chatspec ${file.chatspec}, this is ${version}: the score may differ from the grader's`,
    );
  }
  const here = dirname(path);
  return {
    ...(file.rubric !== undefined ? { rubric: resolve(here, file.rubric) } : {}),
    ...(file.fixture !== undefined ? { fixture: resolve(here, file.fixture) } : {}),
    // A built-in dialect's name stays a name; a path is the grading file's.
    ...(file.dialect !== undefined
      ? {
          dialect: /[/\\]|\.ya?ml$|\.json$/.test(file.dialect)
            ? resolve(here, file.dialect)
            : file.dialect,
        }
      : {}),
    ...(file.probe !== undefined ? { probe: file.probe } : {}),
    ...(file.timeoutMs !== undefined ? { timeout: file.timeoutMs } : {}),
  };
}
