/** The built-in scenario set: every file in specs/scenarios/, in file-name order. */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packageRoot } from '../../../specs/package-root.js';
import { loadScenarioFiles, ScenarioFileError } from './load.js';
import type { Scenario } from './types.js';

export function builtinScenarioDir(): string {
  return join(packageRoot(), 'specs', 'scenarios');
}

/** Paths of the built-in scenario files, sorted, so the run order is stable. */
export async function builtinScenarioFiles(): Promise<string[]> {
  const dir = builtinScenarioDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ScenarioFileError(
      `cannot list the built-in scenarios in ${dir}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return names
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

let cached: Promise<Scenario[]> | undefined;

/** Loads (once per process) and returns the built-in scenarios. */
export function loadBuiltinScenarios(): Promise<Scenario[]> {
  // Sources read `specs/scenarios/auth.yaml` wherever chatspec is installed.
  cached ??= builtinScenarioFiles().then((files) =>
    loadScenarioFiles(files, (path) => relative(packageRoot(), path)),
  );
  // A failed load is not cached, so a fixed file is read again.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
