/**
 * PROTOCOL.md's requirement tables are generated from requirements.ts, so a rule's text is
 * written once. The prose around them is written by hand; the tables sit between markers
 * `<!-- requirements:AREA -->` and `<!-- /requirements -->`. A test keeps them in sync.
 */
import { REQUIREMENTS, REQUIREMENT_AREAS, type RequirementArea } from '../requirements.js';

const BLOCK = /<!-- requirements:([A-Z]+) -->\n[\s\S]*?<!-- \/requirements -->/g;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderRequirementTable(area: RequirementArea): string {
  const rows = REQUIREMENTS.filter((r) => r.id.startsWith(`${area}-`)).map(
    (r) => `| **${r.id}** | ${r.level} | ${escapeCell(r.text)} | ${escapeCell(r.source)} |`,
  );
  return ['| id | level | requirement | source |', '|---|---|---|---|', ...rows].join('\n');
}

/** Rewrites every requirements block in `markdown` from requirements.ts. */
export function updateRequirementTables(markdown: string): string {
  return markdown.replace(BLOCK, (_whole, area: string) => {
    if (!(REQUIREMENT_AREAS as readonly string[]).includes(area)) {
      throw new Error(`PROTOCOL.md names an unknown requirement area "${area}"`);
    }
    return `<!-- requirements:${area} -->\n${renderRequirementTable(area as RequirementArea)}\n<!-- /requirements -->`;
  });
}

/** The areas that have a requirements block in `markdown`. */
export function areasWithTables(markdown: string): string[] {
  return [...markdown.matchAll(BLOCK)].map((m) => m[1]!);
}
