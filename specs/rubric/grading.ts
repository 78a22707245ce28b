/**
 * A grading file pins everything a score depends on, so that a student running `chatspec test
 * --grading grading.yaml` sees the score the grader will see: the rubric, the fixture, the
 * dialect (or probing for it), the timeout and the chatspec version it was written for. Paths
 * are relative to the grading file; the caller reads them.
 */
import { z } from 'zod';
import { parseYamlWith, problemLine } from '../yaml-file.js';
import { RubricError } from './rubric.js';

export const MAX_GRADING_FILE_BYTES = 64 * 1024;

const gradingFileSchema = z
  .strictObject({
    /** The chatspec version the grading was made with; another version is warned about. */
    chatspec: z.string().regex(/^\d+\.\d+\.\d+/, 'expected a version like 0.1.0'),
    /** A rubric file; the default rubric when absent. */
    rubric: z.string().min(1).optional(),
    /** A fixture file (users and groups as JSON); the seed document's when absent. */
    fixture: z.string().min(1).optional(),
    /** A dialect file or a built-in dialect's name. */
    dialect: z.string().min(1).optional(),
    /** Find the dialect with chatspec probe first. */
    probe: z.boolean().optional(),
    timeoutMs: z.int().min(100).max(600_000).optional(),
  })
  .refine((g) => !(g.probe === true && g.dialect !== undefined), {
    message: 'dialect and probe: true exclude each other',
    path: ['probe'],
  });

export type GradingFile = z.infer<typeof gradingFileSchema>;

/** Parses a grading file's text; errors are one line (`grading.yaml:3: timeoutMs: …`). */
export function parseGradingFile(text: string, source: string): GradingFile {
  const fail = (line: number, path: readonly (string | number)[], message: string): never => {
    throw new RubricError(problemLine(source, line, path, message));
  };
  const { data } = parseYamlWith(
    text,
    {
      maxBytes: MAX_GRADING_FILE_BYTES,
      tooLargeHint: 'a grading file is a few settings',
      mappingHint:
        'a grading file is a YAML mapping (chatspec:, rubric:, fixture:, dialect: or probe:, timeoutMs:)',
    },
    gradingFileSchema,
    fail,
  );
  return data;
}
