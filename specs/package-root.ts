/**
 * Finds chatspec's own files (the built-in scenarios, package.json) from a module that runs
 * either from source (specs/…) or compiled (dist/specs/…).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function locate(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chatspec') return { root: dir, version: pkg.version ?? '0.0.0' };
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error("cannot find chatspec's package.json above " + fileURLToPath(import.meta.url));
}

/** The directory holding chatspec's package.json. */
export function packageRoot(): string {
  cached ??= locate();
  return cached.root;
}

/** chatspec's version, for reports. */
export function toolVersion(): string {
  cached ??= locate();
  return cached.version;
}
