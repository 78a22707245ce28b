/**
 * A gradebook for a spreadsheet or an LMS import: one row per submission, its total and the
 * points of every requirement. Cells a spreadsheet would run as formulas are defused, as in
 * matrix.csv.
 */
import { REQUIREMENTS } from '../../specs/index.js';
import type { Rubric } from '../../specs/rubric/rubric.js';
import type { Grade } from '../../results/run.js';
import { csvField } from '../matrix/text.js';

export interface GradebookEntry {
  readonly name: string;
  /** Absent when the submission could not be tested at all: it earns 0. */
  readonly grade?: Grade;
  /** Why there is no grade, or anything the grader should read. */
  readonly note?: string;
}

export function renderGradebookCsv(entries: readonly GradebookEntry[], rubric: Rubric): string {
  const possible =
    REQUIREMENTS.reduce((sum, r) => sum + Math.round((rubric.points[r.id] ?? 0) * 100), 0) / 100;
  const header = [
    'submission',
    'total',
    'possible',
    'provisional',
    'note',
    ...REQUIREMENTS.map((r) => r.id),
  ];
  const lines = entries.map((entry) => {
    const grade = entry.grade;
    const points = new Map((grade?.rows ?? []).map((row) => [row.id, row.earned] as const));
    const note = [entry.note, ...(grade?.runProblems ?? [])].filter(Boolean).join('; ');
    return [
      entry.name,
      grade?.earned ?? 0,
      grade?.possible ?? possible,
      grade === undefined ? 'yes' : grade.provisional ? 'yes' : 'no',
      note,
      ...REQUIREMENTS.map((r) => points.get(r.id) ?? 0),
    ]
      .map(csvField)
      .join(',');
  });
  // CRLF line ends, as RFC 4180 and spreadsheet programs expect.
  return `${[header.map(csvField).join(','), ...lines].join('\r\n')}\r\n`;
}
