/**
 * A Markdown summary of one run, for a CI job summary (`$GITHUB_STEP_SUMMARY`) or a pull
 * request comment: the verdict counts, the score, the requirements not met, and the reason
 * for each scenario that did not pass. Text from the server is escaped for Markdown and for
 * the HTML that GitHub's Markdown allows, so a reply can neither break a table nor add markup.
 */
import { VERDICTS, culpritsOf, type RunResult } from '../results/run.js';
import { formatSeconds } from './format.js';
import { scoreOf } from './score.js';
import { gradeLine } from './grading/grade.js';
import { visibleBounded } from './visible.js';

const MAX_CELL_CHARS = 300;
/** Scenarios listed in the details; a summary page has a size limit (GitHub: 1 MiB). */
const MAX_SCENARIOS_LISTED = 200;

/** Untrusted text for one Markdown table cell or line. */
export function markdownText(text: string, maxChars = MAX_CELL_CHARS): string {
  return visibleBounded(text, maxChars)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`);
}

const FAILS = new Set(['FAIL', 'ERROR']);

export function renderMarkdown(
  result: RunResult,
  options: { readonly title?: string } = {},
): string {
  const score = scoreOf(result);
  const failing = result.summary.FAIL + result.summary.ERROR;
  const icon = failing > 0 ? '❌' : '✅';
  const lines = [
    `## ${icon} ${markdownText(options.title ?? `chatspec conformance: ${result.target.address}`)}`,
    '',
    `${result.scenarios.length} scenarios in ${formatSeconds(result.durationMs)}; ` +
      `MUST met ${score.mustMet}/${score.mustTotal}, SHOULD met ${score.shouldMet}/${score.shouldTotal}, ` +
      `commands implemented ${score.commandsImplemented}/${score.commandsTested}` +
      (score.unimplemented.length > 0 ? ` (missing: ${score.unimplemented.join(', ')})` : '') +
      '.',
    ...(result.grade
      ? [
          '',
          `**Score: ${markdownText(gradeLine(result.grade))}**`,
          ...result.grade.runProblems.map((p) => `- provisional: ${markdownText(p)}`),
        ]
      : []),
    '',
    `| ${VERDICTS.join(' | ')} |`,
    `| ${VERDICTS.map(() => '---:').join(' | ')} |`,
    `| ${VERDICTS.map((v) => String(result.summary[v])).join(' | ')} |`,
  ];
  const notMet = result.requirements.filter(
    (r) => r.verdict === 'FAIL' || r.verdict === 'ERROR' || r.verdict === 'NON-STRICT',
  );
  if (notMet.length > 0) {
    const byId = new Map(result.scenarios.map((s) => [s.id, s]));
    lines.push(
      '',
      '### Requirements not met',
      '',
      '| requirement | level | verdict | rule | scenarios |',
      '|---|---|---|---|---|',
    );
    for (const req of notMet) {
      const culprits = culpritsOf(req, byId);
      lines.push(
        `| ${markdownText(req.id)} | ${req.level} | ${req.verdict} | ${markdownText(req.text)} | ${markdownText(culprits.join(', '))} |`,
      );
    }
  }
  const shown = result.scenarios.filter((s) => s.verdict !== 'PASS');
  if (shown.length > 0) {
    lines.push(
      '',
      `<details${failing > 0 ? ' open' : ''}><summary>${shown.length} scenarios not PASS</summary>`,
      '',
      '| verdict | scenario | reason | expected | actual |',
      '|---|---|---|---|---|',
    );
    const ordered = [...shown].sort(
      (a, b) => Number(FAILS.has(b.verdict)) - Number(FAILS.has(a.verdict)),
    );
    for (const s of ordered.slice(0, MAX_SCENARIOS_LISTED)) {
      lines.push(
        `| ${s.verdict} | ${markdownText(s.id)} | ${markdownText(s.reason)} | ${markdownText(s.expected ?? '')} | ${markdownText(s.actual ?? '')} |`,
      );
    }
    if (ordered.length > MAX_SCENARIOS_LISTED) {
      lines.push('', `… and ${ordered.length - MAX_SCENARIOS_LISTED} more (see the HTML report).`);
    }
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
