/**
 * A score as console lines: the total, what the run could not judge (loudly: the score is
 * provisional until it is fixed), and every requirement that lost points with its evidence.
 */
import type { Grade } from '../../results/run.js';
import { paint } from '../style.js';
import { visibleBounded } from '../visible.js';
import { gradeLine } from './grade.js';

export function renderGradeText(grade: Grade, color: boolean): string {
  const lines = [paint(`Score: ${gradeLine(grade)}`, 'bold', color)];
  if (grade.provisional) {
    lines.push(
      paint(
        `  PROVISIONAL: ${grade.runProblems.length} requirement(s) could not be judged because of the run itself; each stays in the total at 0:`,
        'bold',
        color,
      ),
    );
    for (const problem of grade.runProblems) lines.push(`    ${visibleBounded(problem, 300)}`);
  }
  const lost = grade.rows.filter((row) => row.earned < row.possible);
  if (lost.length > 0) {
    lines.push('  Points lost:');
    const width = Math.max(...lost.map((row) => row.id.length));
    for (const row of lost) {
      const evidence = row.evidence.length > 0 ? ` [${row.evidence.slice(0, 3).join(', ')}]` : '';
      lines.push(
        `    ${row.id.padEnd(width)} ${row.earned}/${row.possible}  ${visibleBounded(row.reason, 200)}${visibleBounded(evidence, 120)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
