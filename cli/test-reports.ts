/**
 * What `chatspec test` writes besides the console report: the scenario list of --list, the
 * report files in --out, and Gradescope's results.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../harness/index.js';
import type { RunResult } from '../results/index.js';
import {
  REPORT_FILES,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderTestHtml,
} from '../reports/index.js';
import { renderGradescope } from '../reports/grading/gradescope.js';
import type { TestFlags } from './test-flags.js';
import { UsageError } from './usage.js';

export function listScenarios(scenarios: readonly Scenario[]): string {
  const width = Math.min(48, Math.max(...scenarios.map((s) => s.id.length)));
  const lines = scenarios.map(
    (s) => `${s.id.padEnd(width)}  ${s.requirements.join(',').padEnd(22)}  ${s.title}`,
  );
  return `${lines.join('\n')}\n${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}\n`;
}

/** Writes the reports asked for: `masked` everywhere, `result` in report.json with --keep-secrets. */
export async function writeReports(
  result: RunResult,
  masked: RunResult,
  flags: TestFlags,
): Promise<string[]> {
  const files: Array<[string, string]> = [];
  if (flags.reporter.includes('json')) {
    files.push([REPORT_FILES.json, renderJson(flags.keepSecrets === true ? result : masked)]);
  }
  if (flags.reporter.includes('junit')) files.push([REPORT_FILES.junit, renderJunit(masked)]);
  if (flags.reporter.includes('html')) files.push([REPORT_FILES.html, renderTestHtml(masked)]);
  if (flags.reporter.includes('markdown'))
    files.push([REPORT_FILES.markdown, renderMarkdown(masked)]);
  if (files.length === 0) return [];
  try {
    await mkdir(flags.out, { recursive: true });
    const written: string[] = [];
    for (const [name, text] of files) {
      const path = join(flags.out, name);
      await writeFile(path, text);
      written.push(path);
    }
    return written;
  } catch (error) {
    throw new UsageError(`cannot write reports to ${flags.out}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Writes Gradescope's results.json for a graded run. */
export async function writeGradescope(
  path: string,
  result: Parameters<typeof renderGradescope>[0],
): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(renderGradescope(result), null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
