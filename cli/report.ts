/**
 * `chatspec report FILE.json…`: the HTML report of saved results (report.json,
 * fuzz-report.json, a load --json result), each written beside its file as FILE.html, or
 * into --out DIR. Exit 0, or 2 for a file that is not a chatspec result.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { renderFuzzHtml, renderLoadHtml, renderTestHtml } from '../reports/index.js';
import { loadFixtureFile, resolveDialect } from '../specs/index.js';
import { maskedResultFile, readResultDocument, type ResultFile } from './result-files.js';
import { EXIT_OK, UsageError } from './usage.js';
import type { CommandContext } from './io.js';

export interface ReportFlags {
  readonly out?: string;
  /** Render the passwords a --keep-secrets result holds (masked as *** by default). */
  readonly keepSecrets?: boolean;
  /** The users the server knew: their passwords are masked anywhere in the page. */
  readonly fixture?: string;
  /** The dialect the server spoke: where its login line keeps the password. */
  readonly dialect?: string;
}

export function renderResultHtml(file: ResultFile): string {
  switch (file.kind) {
    case 'test':
      return renderTestHtml(file.result);
    case 'fuzz':
      return renderFuzzHtml(file.result);
    case 'load':
      return renderLoadHtml(file.result);
  }
}

export async function runReportCommand(
  files: readonly string[],
  flags: ReportFlags,
  io: { readonly stdout: { write(text: string): unknown } },
): Promise<number> {
  const fixture = flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const dialect =
    flags.dialect === undefined ? undefined : resolveDialect(flags.dialect, fixture).spec;
  const documents = [];
  for (const path of files) {
    const doc = await readResultDocument(path);
    documents.push(
      flags.keepSecrets === true
        ? doc
        : maskedResultFile(doc, {
            ...(dialect ? { dialect } : {}),
            ...(fixture ? { fixture } : {}),
          }),
    );
  }
  if (flags.out !== undefined) await mkdir(flags.out, { recursive: true });
  const used = new Set<string>();
  for (const doc of documents) {
    let target = doc.path.replace(/\.json$/i, '') + '.html';
    if (flags.out !== undefined) {
      let name = basename(target);
      for (let n = 2; used.has(name); n++) name = basename(target).replace(/\.html$/, `-${n}.html`);
      used.add(name);
      target = join(flags.out, name);
    }
    try {
      await writeFile(target, renderResultHtml(doc));
    } catch (error) {
      throw new UsageError(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
    }
    io.stdout.write(`${doc.kind} report: ${target}\n`);
  }
  return EXIT_OK;
}

export function registerReport(program: Command, context: CommandContext): void {
  program
    .command('report')
    .description(
      'write the HTML report of saved results (report.json, fuzz-report.json, load --json)',
    )
    .argument('<files...>', 'saved results; the kind of each is detected')
    .option('--out <dir>', 'write the pages here instead of beside each file')
    .option(
      '--fixture <file>',
      "users and groups as JSON, whose passwords are masked (default: the seed document's)",
    )
    .option(
      '--dialect <file|name>',
      'the dialect the server spoke: where its login line keeps the password',
    )
    .option(
      '--keep-secrets',
      'show the passwords a result saved with --keep-secrets holds (masked as *** by default)',
    )
    .action(async (files: string[], flags: ReportFlags) => {
      context.exitWith(await runReportCommand(files, flags, context.io));
    });
}
