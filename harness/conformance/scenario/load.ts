/**
 * Reads scenario files (YAML, or JSON, which is YAML too) into checked scenarios. Every
 * problem is a ScenarioFileError whose message names the file, the scenario and the field,
 * so that `chatspec test --scenario FILE` can exit 2 with something a person can act on.
 */
import { parseDocument } from 'yaml';
import { deepFreeze, readInputText, yamlValue } from '../../../specs/index.js';
import { lintScenario } from './lint.js';
import { validateScenarioFile, type SchemaIssue } from './schema.js';
import type { Scenario } from './types.js';

/** A scenario file that cannot be read or is not valid: the harness's input, not the server. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
}

/** Issues shown per file; the rest are counted. */
const MAX_ISSUES_SHOWN = 20;

function scenarioLabel(value: unknown, index: number): string {
  if (value !== null && typeof value === 'object' && 'scenarios' in value) {
    const list = (value as { scenarios: unknown }).scenarios;
    if (Array.isArray(list)) {
      const item: unknown = list[index];
      if (item !== null && typeof item === 'object' && 'id' in item) {
        const id = (item as { id: unknown }).id;
        if (typeof id === 'string') return ` (${id})`;
      }
    }
  }
  return '';
}

export function formatIssuePath(path: readonly (string | number)[], value?: unknown): string {
  let out = '';
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      out += `[${key}]`;
      if (i === 1 && path[0] === 'scenarios') out += scenarioLabel(value, key);
    } else {
      out += out ? `.${key}` : key;
    }
  });
  return out || '(top level)';
}

function issuesError(
  source: string,
  issues: readonly SchemaIssue[],
  value: unknown,
): ScenarioFileError {
  const lines = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((issue) => `${formatIssuePath(issue.path, value)}: ${issue.message}`);
  if (issues.length > MAX_ISSUES_SHOWN)
    lines.push(`… and ${issues.length - MAX_ISSUES_SHOWN} more`);
  // The first line names the first problem and its place on its own; the others follow.
  const rest = lines.slice(1).map((line) => `\n  ${line}`);
  return new ScenarioFileError(`${source}: invalid scenario file: ${lines[0]}${rest.join('')}`);
}

/** Parses and checks one file's text; `source` names it in messages. */
export function parseScenarioText(text: string, source: string): Scenario[] {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new ScenarioFileError(`${source}: not valid YAML or JSON: ${first.message}`, {
      cause: first,
    });
  }
  const value = yamlValue(doc, source, ScenarioFileError);
  const result = validateScenarioFile(value, source);
  if (!result.ok) throw issuesError(source, result.issues, value);
  const issues = result.scenarios.flatMap((scenario, i) =>
    lintScenario(scenario, ['scenarios', i]),
  );
  if (issues.length > 0) throw issuesError(source, issues, value);
  // Loaded once and shared by every run (the built-in set is cached): nobody may change them.
  return result.scenarios.map(deepFreeze);
}

/** Reads one file; `source` names it in messages and results (the path by default). */
export async function loadScenarioFile(path: string, source = path): Promise<Scenario[]> {
  const text = await readInputText(path, 'scenario file', ScenarioFileError, source);
  return parseScenarioText(text, source);
}

/** Throws when two scenarios share an id: ids select scenarios and key the reports. */
export function checkUniqueIds(scenarios: readonly Scenario[]): void {
  const seen = new Map<string, string>();
  for (const scenario of scenarios) {
    const other = seen.get(scenario.id);
    if (other !== undefined) {
      throw new ScenarioFileError(
        `${scenario.source}: scenario id "${scenario.id}" is also used in ${other}; ids must be unique`,
      );
    }
    seen.set(scenario.id, scenario.source);
  }
}

/** Loads several files in the order given, as one set with unique ids. */
export async function loadScenarioFiles(
  paths: readonly string[],
  sourceOf: (path: string) => string = (path) => path,
): Promise<Scenario[]> {
  const all: Scenario[] = [];
  for (const path of paths) all.push(...(await loadScenarioFile(path, sourceOf(path))));
  checkUniqueIds(all);
  return all;
}
