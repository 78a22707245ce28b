/**
 * `chatspec compare A.json B.json …`: the class matrix built from saved report.json files
 * (each server's report re-rendered beside it), or, for load results, their throughput and
 * percentiles side by side in one table and one chart. Exit 0, or 2 for bad files or a mix
 * of kinds.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { REPORT_FILES, renderLoadCompareHtml, renderTestHtml } from '../reports/index.js';
import { buildMatrix, type MatrixInput } from '../reports/matrix/index.js';
import { renderClassConsole, serverFolder, writeMatrix } from './class-run.js';
import { maskedResultFile, readResultDocument, resultName } from './result-files.js';
import { EXIT_OK, UsageError } from './usage.js';
import type { CommandContext } from './io.js';

export const COMPARE_FORMATS = ['console', 'html', 'markdown', 'csv', 'json'] as const;
export const DEFAULT_COMPARE_OUT = 'chatspec-compare';

function formats(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(COMPARE_FORMATS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${COMPARE_FORMATS.join(', ')}, got "${value}"`,
    );
  }
  return [...new Set(names)];
}

function uniqueNames(paths: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return paths.map((path) => {
    const base = resultName(path);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

export async function runCompareCommand(
  files: readonly string[],
  flags: { readonly out: string; readonly reporter: readonly string[] },
  io: { readonly stdout: { write(text: string): unknown } },
): Promise<number> {
  if (files.length < 1) throw new UsageError('compare needs at least one result file');
  const documents = [];
  // Masked once, before the pages and the matrix are rendered: a report may keep secrets.
  for (const path of files) documents.push(maskedResultFile(await readResultDocument(path)));
  const kinds = new Set(documents.map((d) => d.kind));
  if (kinds.size > 1) {
    throw new UsageError(
      `compare takes results of one kind; got ${[...kinds].join(' and ')} (${documents.map((d) => `${d.path}: ${d.kind}`).join(', ')})`,
    );
  }
  const names = uniqueNames(files);
  try {
    await mkdir(flags.out, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot write to ${flags.out}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const kind = documents[0]!.kind;
  if (kind === 'fuzz')
    throw new UsageError('compare reads conformance reports or load results, not fuzz reports');
  if (kind === 'load') {
    const path = join(flags.out, 'load-compare.html');
    const reports = documents.flatMap((d, i) =>
      d.kind === 'load' ? [{ name: names[i]!, report: d.result }] : [],
    );
    await writeFile(path, renderLoadCompareHtml(reports));
    io.stdout.write(`load comparison: ${path}\n`);
    return EXIT_OK;
  }
  const inputs: MatrixInput[] = [];
  for (const [i, doc] of documents.entries()) {
    if (doc.kind !== 'test') continue;
    const folder = serverFolder(names[i]!, i);
    await mkdir(join(flags.out, 'servers', folder), { recursive: true });
    await writeFile(
      join(flags.out, 'servers', folder, REPORT_FILES.html),
      renderTestHtml(doc.result),
    );
    inputs.push({
      name: names[i]!,
      address: doc.result.target.address,
      result: doc.result,
      reportHref: `servers/${folder}/${REPORT_FILES.html}`,
      durationMs: doc.result.durationMs,
    });
  }
  const matrix = buildMatrix(inputs, 'chatspec comparison');
  if (flags.reporter.includes('console')) io.stdout.write(renderClassConsole(matrix));
  const written = await writeMatrix(matrix, flags.reporter, flags.out);
  io.stdout.write(`reports: ${written.join(', ')}\n`);
  return EXIT_OK;
}

export function registerCompare(program: Command, context: CommandContext): void {
  program
    .command('compare')
    .description('the class matrix from saved report.json files, or load results side by side')
    .argument('<files...>', 'report.json files of several servers, or load --json results')
    .addOption(
      new Option('--reporter <list>', 'formats of the matrix, comma-separated')
        .argParser(formats)
        .default([...COMPARE_FORMATS], COMPARE_FORMATS.join(',')),
    )
    .option('--out <dir>', 'where the matrix and the re-rendered reports go', DEFAULT_COMPARE_OUT)
    .action(async (files: string[], flags: { out: string; reporter: string[] }) => {
      context.exitWith(await runCompareCommand(files, flags, context.io));
    });
}
