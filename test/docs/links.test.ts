/**
 * The README and the manual link to each other, to specs/ and to pictures in docs/images/;
 * a page moved or renamed must not leave a link behind. Every relative link and image of
 * README.md, docs/*.md and the documents beside the code must name a file (or folder) that exists, and a `#fragment` into a
 * Markdown page must name one of its headings.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/support/run-cli.js';

const PAGES = [
  'README.md',
  'specs/PROTOCOL.md',
  'specs/scenarios/README.md',
  'reports/REPORT-SCHEMA.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.*)$/gm)].map((m) => anchor(m[1]!)));
}

/** The targets of `[text](target)` and `![alt](target)` outside code blocks and spans. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('links of the README and docs/', () => {
  for (const page of PAGES) {
    it(`${page}: every relative link names a file that exists`, () => {
      const broken: string[] = [];
      for (const link of linksOf(readFileSync(join(ROOT, page), 'utf8'))) {
        if (/^[a-z]+:/.test(link)) continue;
        const [path, fragment] = link.split('#') as [string, string | undefined];
        const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path);
        if (!existsSync(file)) broken.push(`${link} (no ${relative(ROOT, file)})`);
        else if (fragment !== undefined && file.endsWith('.md') && !anchorsOf(file).has(fragment))
          broken.push(`${link} (no heading #${fragment})`);
      }
      expect(broken).toEqual([]);
    });
  }

  it('reads links and anchors as GitHub does', () => {
    expect(linksOf('see [a](docs/a.md#x) and ![p](images/p.png) but not `[c](d)`')).toEqual([
      'docs/a.md#x',
      'images/p.png',
    ]);
    expect(anchor("12. The reference server's limits")).toBe('12-the-reference-servers-limits');
    expect(anchor('11.1 Dialects')).toBe('111-dialects');
  });
});
