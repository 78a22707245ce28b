/**
 * The class matrix as Markdown (a CI job summary, a course page), CSV (a grade book: one row
 * per server, a column per requirement) and JSON (for other tools; `format` names the
 * schema). Names and texts come from the targets file and the reports and are escaped for
 * each medium: CSV cells that a spreadsheet would run as a formula are defused.
 */
import { VERDICTS } from '../../results/run.js';
import { markdownText } from '../markdown.js';
import type { Matrix, MatrixServer } from './build.js';
import { cellLabel } from './cells.js';

function scoreText(server: MatrixServer, part: 'must' | 'should' | 'commands'): string {
  const s = server.score;
  if (s === undefined) return 'ERROR';
  if (part === 'must') return `${s.mustMet}/${s.mustTotal}`;
  if (part === 'should') return `${s.shouldMet}/${s.shouldTotal}`;
  return `${s.commandsImplemented}/${s.commandsTested}`;
}

export function renderMatrixMarkdown(matrix: Matrix): string {
  const { servers } = matrix;
  const names = servers.map((s) =>
    s.reportHref
      ? `[${markdownText(s.name, 80)}](${encodeURI(s.reportHref)})`
      : markdownText(s.name, 80),
  );
  const lines = [
    `## ${markdownText(matrix.title)}`,
    '',
    `| server | address | points | MUST met | SHOULD met | commands | FAIL | ERROR | note |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---|`,
    ...servers.map(
      (s, i) =>
        `| ${names[i]} | ${markdownText(s.address, 80)} | ${s.points ? `${s.points.earned}/${s.points.possible}${s.points.provisional ? ' (provisional)' : ''}` : '—'} | ${scoreText(s, 'must')} | ${scoreText(s, 'should')} | ` +
        `${scoreText(s, 'commands')} | ${s.summary?.FAIL ?? ''} | ${s.summary?.ERROR ?? ''} | ` +
        `${markdownText([s.error, ...s.notes].filter(Boolean).join('; '))} |`,
    ),
    '',
    `| requirement | level | ${names.join(' | ')} |`,
    `|---|---|${servers.map(() => ':---:').join('|')}|`,
  ];
  for (const { group, rows } of matrix.groups) {
    lines.push(`| **${group}** | | ${servers.map(() => '').join(' | ')} |`);
    for (const row of rows) {
      lines.push(
        `| ${row.id} | ${row.level} | ${row.cells.map((cell, i) => cellLabel(cell, row.judgedOn[i])).join(' | ')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One CSV field: quoted when needed; a leading = + - @ (a formula to a spreadsheet) defused. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderMatrixCsv(matrix: Matrix): string {
  const rows = matrix.groups.flatMap((g) => g.rows);
  const header = [
    'server',
    'address',
    'must_met',
    'must_total',
    'should_met',
    'should_total',
    'commands_implemented',
    'commands_tested',
    ...VERDICTS.map((v) => v.toLowerCase().replace('-', '_')),
    'problem',
    ...rows.map((r) => r.id),
  ];
  const lines = matrix.servers.map((s, i) => {
    const score = s.score;
    return [
      s.name,
      s.address,
      score?.mustMet ?? '',
      score?.mustTotal ?? '',
      score?.shouldMet ?? '',
      score?.shouldTotal ?? '',
      score?.commandsImplemented ?? '',
      score?.commandsTested ?? '',
      ...VERDICTS.map((v) => s.summary?.[v] ?? ''),
      s.error ?? '',
      ...rows.map((r) => r.cells[i] ?? ''),
    ]
      .map(csvField)
      .join(',');
  });
  // CRLF line ends, as RFC 4180 and spreadsheet programs expect.
  return `${[header.map(csvField).join(','), ...lines].join('\r\n')}\r\n`;
}

export function renderMatrixJson(matrix: Matrix): string {
  return `${JSON.stringify(matrix, null, 2)}\n`;
}
