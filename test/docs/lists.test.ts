/**
 * The tables of the manual that list what chatspec has built in (dialects, profiles, benchmark
 * sections) name exactly what the CLI or the code lists, so one added without its line in the
 * docs, or removed with its line left behind, fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runChatspec } from '../cli/support/run-cli.js';
import { firstColumnUnder } from './support/markdown.js';

/** The built-in names a page's table lists under `heading`, each in backticks. */
function namesUnder(page: string, heading: string): string[] {
  const markdown = readFileSync(join(ROOT, page), 'utf8');
  return firstColumnUnder(markdown, heading, page)
    .map((cell) => /^`([a-z0-9-]+)`$/.exec(cell)?.[1] ?? cell)
    .sort();
}

/** The first word of each line that does not start with a space. */
async function listed(args: string[]): Promise<string[]> {
  const exit = await runChatspec(args, 20_000);
  expect(exit.code, exit.stderr).toBe(0);
  return exit.stdout
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .map((line) => line.split(/\s+/)[0]!)
    .sort();
}

describe('the manual lists what is built in', () => {
  it('docs/dialects.md names every built-in dialect of chatspec probe --list-dialects', async () => {
    expect(namesUnder('docs/dialects.md', '## The built-in dialects')).toEqual(
      await listed(['probe', '--list-dialects']),
    );
  });

  it('docs/serve.md names every profile of chatspec serve --list-profiles', async () => {
    expect(namesUnder('docs/serve.md', '## Profiles')).toEqual(
      await listed(['serve', '--list-profiles']),
    );
  });

  it('docs/benchmarks.md names every section of npm run bench', () => {
    const folder = join(ROOT, 'bench/sections');
    const sections = readdirSync(folder)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [
        ...readFileSync(join(folder, f), 'utf8').matchAll(/^ {2}name: '([a-z-]+)',$/gm),
      ])
      .map((m) => m[1]!)
      .sort();
    expect(sections.length).toBeGreaterThan(0);
    expect(namesUnder('docs/benchmarks.md', '# Benchmarks')).toEqual(sections);
  });
});
