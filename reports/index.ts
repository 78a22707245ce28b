/**
 * reports/: pure functions from a run's result to text. They run nothing, open nothing and
 * never print; the CLI writes what they return. (reports/load/ holds the load reports.)
 */

/** Files a conformance run writes into its report directory. */
export { REPORT_FILES } from './files.js';

/**
 * The full console report: scenarios grouped by command (then FRAMING, GENERAL), evidence
 * under every verdict other than PASS, the requirements, and a summary line. No escape code
 * at all when `color` is false. Ends with a newline.
 */
export { renderConsole, renderSummaryLine, type ConsoleOptions } from './console.js';

/**
 * One progress line (no line break) for the CLI to rewrite in place on a TTY; at most
 * `columns - 1` visible characters (`columns` defaults to 80).
 */
export { renderProgress, type ProgressOptions } from './progress.js';

/** report.json: pretty, stable key order (the schema's), ends with a newline. */
export { renderJson } from './json.js';

/** junit.xml for CI consumers; `junitOutcome` says how each verdict maps (red iff it fails the run). */
export { renderJunit, junitOutcome, type JunitOutcome } from './junit.js';

/**
 * Reads a saved report.json back into a RunResult, or throws a ReportFormatError naming the
 * file and the fields at fault. REPORT-SCHEMA.md documents the format.
 */
export { ReportFormatError, parseRunResult, type ReportIssue } from './parse.js';
export { SCHEMA_VERSION, runResultSchema } from './schema.js';

/** Makes untrusted text safe for one line of a terminal or a report (`\r\n`, `\x1b`, …). */
export { visible, visibleBounded, type VisibleMode } from './visible.js';

/** The HTML report of one run: one self-contained page (styles, script and charts inline). */
export { renderTestHtml, requirementAnchor, scenarioAnchor } from './html/test-report.js';

/** A Markdown summary of one run for a CI job summary (`$GITHUB_STEP_SUMMARY`). */
export { renderMarkdown, markdownText } from './markdown.js';

/** A server's score: MUST met, SHOULD met, commands implemented. */
export { scoreOf, type Score } from './score.js';

/** The HTML reports of a fuzz campaign and of a load run, and of several load runs compared. */
export { renderFuzzHtml } from './html/fuzz-report.js';
export { renderLoadHtml } from './html/load-report.js';
export { renderLoadCompareHtml, type NamedLoadReport } from './html/load-compare.js';

/** Which kind of result a saved JSON document is, and a fuzz report's validation. */
export { detectResultKind, type ResultKind } from './detect.js';
export { FuzzReportFormatError, parseFuzzResult } from './fuzz-schema.js';
