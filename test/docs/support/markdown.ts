/** Reading the manual's tables the one strict way the docs tests agree on. */

/**
 * The first column of the first Markdown table under `heading` (a whole line, such as
 * `## Options`), header and separator rows left out; the table ends at its first line that
 * does not start with `|`. A `|` inside a cell is written `\|`.
 */
export function firstColumnUnder(markdown: string, heading: string, page: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`${page}: no heading "${heading}"`);
  let i = start + 1;
  while (i < lines.length && !lines[i]!.startsWith('|')) {
    if (lines[i]!.startsWith('#')) throw new Error(`${page}: no table under "${heading}"`);
    i++;
  }
  const rows: string[] = [];
  for (; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
  if (rows.length < 3) throw new Error(`${page}: the table under "${heading}" has no rows`);
  return rows.slice(2).map((row) => row.split(/(?<!\\)\|/)[1]!.trim());
}
