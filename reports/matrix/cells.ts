/** Short cell labels and the worst verdict of a row, shared by the matrix renderers. */
import { VERDICTS, type JudgedOn } from '../../results/run.js';
import type { MatrixCell, MatrixRow } from './build.js';

const SHORT: Readonly<Record<string, string>> = {
  PASS: 'PASS',
  INFORMATIONAL: 'INFO',
  'NON-STRICT': 'NON-STRICT',
  UNIMPLEMENTED: 'UNIMPL',
  FAIL: 'FAIL',
  ERROR: 'ERROR',
  UNTESTED: 'untested',
};

export function shortLabel(cell: MatrixCell): string {
  return cell === null ? '—' : (SHORT[cell] ?? cell);
}

/** A cell's label with the share of commands it was judged on, where that is not all: `PASS 3/8`. */
export function cellLabel(cell: MatrixCell, judgedOn: JudgedOn | null | undefined): string {
  const label = shortLabel(cell);
  return judgedOn ? `${label} ${judgedOn.commands.length}/${judgedOn.of.length}` : label;
}

/** The most severe verdict in the row (UNTESTED and missing cells count as least). */
export function worstCell(row: MatrixRow): string {
  let worst = -1;
  for (const cell of row.cells) {
    const at = cell === null ? -1 : VERDICTS.indexOf(cell as (typeof VERDICTS)[number]);
    if (at > worst) worst = at;
  }
  return worst < 0 ? 'UNTESTED' : VERDICTS[worst]!;
}
