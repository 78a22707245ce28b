/**
 * reports/load/: a load report as text. Pure functions from the report to strings; the CLI
 * decides where they go. The JSON output is the report object itself (results/load/summary.ts).
 */
import type { LoadReport } from '../../results/index.js';
import { renderAudit } from './audit.js';
import { renderAutocannonTables } from './autocannon.js';
import { renderCommandTable } from './commands.js';
import { renderHeader, renderOutcomes } from './summary.js';

export { renderAudit } from './audit.js';
export { renderAutocannonTables, toAutocannonResult } from './autocannon.js';
export { renderCommandTable } from './commands.js';
export { renderLoadProgress, type LoadProgressOptions } from './progress.js';
export { renderRamp } from './ramp-text.js';
export { renderRampHtml } from './ramp-html.js';
export { renderHeader, renderOutcomes, type HeaderOptions } from './summary.js';

export interface LoadReportTextOptions {
  readonly color: boolean;
  readonly latencyTable?: boolean;
  readonly targetNote?: string;
}

/** The whole text report: header, autocannon's tables, per command, outcomes, audit. */
export function renderLoadReport(report: LoadReport, options: LoadReportTextOptions): string {
  const parts = [
    renderHeader(report, options.targetNote ? { targetNote: options.targetNote } : {}),
    renderAutocannonTables(report, options).trimEnd(),
    renderCommandTable(report, options),
    renderOutcomes(report, options),
  ];
  if (report.audit !== undefined) parts.push(renderAudit(report.audit, options));
  return `${parts.join('\n\n')}\n`;
}
