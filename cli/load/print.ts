/**
 * What `chatspec load` prints and writes: the report (tables or JSON) to stdout, the JSON and
 * HTML files asked for, and the exit code the result means.
 */
import { writeFile } from 'node:fs/promises';
import type { LoadReport, RampResult } from '../../results/index.js';
import { renderLoadHtml } from '../../reports/index.js';
import { useColor, type CliIo } from '../io.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../usage.js';

export async function writeOut(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

export async function render(
  report: LoadReport,
  latencyTable: boolean,
  color: boolean,
  targetNote?: string,
): Promise<string> {
  // Loaded on use: the renderers pull in autocannon's printer, which other commands never need.
  const { renderLoadReport } = await import('../../reports/load/index.js');
  return renderLoadReport(report, {
    color,
    latencyTable,
    ...(targetNote ? { targetNote } : {}),
  });
}

export async function emit(
  report: LoadReport,
  flags: { json: boolean; out?: string; html?: string; latency: boolean; color?: boolean },
  io: CliIo,
  targetNote?: string,
): Promise<number> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (flags.html !== undefined) await writeOut(flags.html, renderLoadHtml(report));
  if (flags.out !== undefined) await writeOut(flags.out, json);
  io.stdout.write(
    flags.json ? json : await render(report, flags.latency, useColor(flags.color, io), targetNote),
  );
  // An audit not yet drained (a shard's own result) is not a failure: the merge judges it.
  return report.audit !== undefined && report.audit.drained && !report.audit.passed
    ? EXIT_FAILED
    : EXIT_OK;
}

export async function emitCurve(
  result: RampResult,
  flags: { json: boolean; out?: string; html?: string; title?: string; color?: boolean },
  io: CliIo,
): Promise<number> {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out !== undefined) await writeOut(flags.out, json);
  const { renderRamp, renderRampHtml } = await import('../../reports/load/index.js');
  if (flags.html !== undefined) {
    await writeOut(flags.html, renderRampHtml(result, flags.title ? { title: flags.title } : {}));
  }
  io.stdout.write(flags.json ? json : renderRamp(result, { color: useColor(flags.color, io) }));
  return EXIT_OK;
}
