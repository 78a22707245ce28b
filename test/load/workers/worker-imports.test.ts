/**
 * A load worker thread evaluates its own copy of every module it imports, so what it imports
 * is memory paid once per worker. The checkers of input files (zod, yaml) are used by the
 * main thread only: the worker's import graph, walked from its entry over the sources, must
 * not reach them. `import type` is erased; any other import, even of types only, loads its
 * module (verbatimModuleSyntax).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const IMPORT = /^\s*(import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)';/gms;

/** The source files and the packages a file's value imports reach, transitively. */
function importGraph(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[2]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec).replace(/\.js$/, '.ts'));
      else if (!spec.startsWith('node:')) packages.set(spec, relative(ROOT, file));
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

describe('the load worker thread', () => {
  const { files, packages } = importGraph('load/workers/worker-entry.ts');

  it('walks a real graph: the engine and the codec are in it', () => {
    const names = [...files].map((f) => relative(ROOT, f));
    expect(names).toContain('load/engine/engine.ts');
    expect(names).toContain('specs/codec/reply-framing.ts');
    expect(packages.has('hdr-histogram-js')).toBe(true);
  });

  it('does not load the input-file checkers (zod, yaml)', () => {
    expect(Object.fromEntries([...packages].filter(([name]) => /^(zod|yaml)$/.test(name)))).toEqual(
      {},
    );
  });

  it('does not load the specs barrel, which evaluates every module of specs/', () => {
    const names = [...files].map((f) => relative(ROOT, f));
    expect(names.filter((f) => /^(specs|results)\/index\.ts$/.test(f))).toEqual([]);
  });
});
