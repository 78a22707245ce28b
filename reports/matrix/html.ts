/**
 * The class matrix as one self-contained page: a score per server, then every requirement
 * (grouped by command) against every server, each cell linking to the requirement in that
 * server's own report. Rows filter by their worst verdict and by command.
 */
import { VERDICTS } from '../../results/run.js';
import { html, escapeMarkup } from '../html/escape.js';
import { renderPage } from '../html/page.js';
import { requirementAnchor } from '../html/test-report.js';
import { badge, cards } from '../html/verdict.js';
import type { Matrix, MatrixServer } from './build.js';
import { describeJudgedOn } from '../../results/run.js';
import { cellLabel, worstCell } from './cells.js';

function href(server: MatrixServer, anchor?: string): string | undefined {
  if (server.reportHref === undefined) return undefined;
  return escapeMarkup(anchor === undefined ? server.reportHref : `${server.reportHref}#${anchor}`);
}

function serverHeader(server: MatrixServer, index: number): string {
  const link = href(server);
  const name = html(server.name);
  return (
    `<th class="server" id="server-${index}" title="${html(server.address)}">` +
    (link ? `<a href="${link}">${name}</a>` : name) +
    `</th>`
  );
}

function scoreRow(
  label: string,
  servers: readonly MatrixServer[],
  value: (s: MatrixServer) => string,
): string {
  return (
    `<tr class="score"><th colspan="2">${html(label)}</th>` +
    servers.map((s) => `<td>${html(value(s))}</td>`).join('') +
    `</tr>`
  );
}

function overview(matrix: Matrix): string {
  const failed = matrix.servers.filter((s) => s.failed).length;
  const errored = matrix.servers.filter((s) => s.error !== undefined).length;
  return cards([
    { label: 'servers', value: matrix.servers.length, id: 'count-servers' },
    {
      label: 'without FAIL or ERROR',
      value: matrix.servers.length - failed,
      tone: 'PASS',
      id: 'count-clean',
    },
    { label: 'with FAIL or ERROR', value: failed, tone: 'FAIL', id: 'count-failed' },
    ...(errored > 0
      ? [{ label: 'not tested (ERROR)', value: errored, tone: 'ERROR', id: 'count-errored' }]
      : []),
  ]);
}

function serverList(matrix: Matrix): string {
  const rows = matrix.servers.map((s, i) => {
    const link = href(s);
    const name = html(s.name);
    const score = s.score;
    const counts = s.summary
      ? VERDICTS.filter((v) => s.summary![v] > 0)
          .map((v) => `${s.summary![v]} ${badge(v)}`)
          .join(' ')
      : '';
    return (
      `<tr id="row-server-${i}"><td>${link ? `<a href="${link}">${name}</a>` : name}</td><td class="mono">${html(s.address)}</td>` +
      (score
        ? `<td class="num">${score.mustMet}/${score.mustTotal}</td><td class="num">${score.shouldMet}/${score.shouldTotal}</td>` +
          `<td class="num">${score.commandsImplemented}/${score.commandsTested}</td>`
        : `<td colspan="3">${badge('ERROR')}</td>`) +
      `<td>${counts}${s.error !== undefined ? `<div class="problem">${html(s.error)}</div>` : ''}` +
      s.notes.map((n) => `<div class="note">${html(n)}</div>`).join('') +
      `</td><td class="num">${s.durationMs === undefined ? '' : `${(s.durationMs / 1000).toFixed(1)} s`}</td></tr>`
    );
  });
  return (
    `<h2>Servers</h2><table class="servers"><thead><tr><th>server</th><th>address</th><th>MUST met</th>` +
    `<th>SHOULD met</th><th>commands</th><th>scenarios</th><th>took</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function filters(matrix: Matrix): string {
  return (
    `<div class="filters" id="filters"><strong>Rows whose worst verdict is</strong>` +
    [...VERDICTS, 'UNTESTED']
      .map(
        (v) =>
          `<label><input type="checkbox" data-filter-verdict value="${v}" checked> ${badge(v)}</label>`,
      )
      .join('') +
    `<label>command <select id="filter-group"><option value="">all</option>` +
    matrix.groups
      .map(({ group }) => `<option value="${html(group)}">${html(group)}</option>`)
      .join('') +
    `</select></label></div>`
  );
}

function grid(matrix: Matrix): string {
  const { servers } = matrix;
  const head =
    `<thead><tr><th>requirement</th><th>level</th>${servers.map(serverHeader).join('')}</tr></thead>` +
    `<tbody>` +
    (servers.some((s) => s.points !== undefined)
      ? scoreRow('points', servers, (s) =>
          s.points
            ? `${s.points.earned}/${s.points.possible}${s.points.provisional ? ' (provisional)' : ''}`
            : '—',
        )
      : '') +
    scoreRow('MUST met', servers, (s) =>
      s.score ? `${s.score.mustMet}/${s.score.mustTotal}` : 'ERROR',
    ) +
    scoreRow('SHOULD met', servers, (s) =>
      s.score ? `${s.score.shouldMet}/${s.score.shouldTotal}` : 'ERROR',
    ) +
    scoreRow('commands', servers, (s) =>
      s.score ? `${s.score.commandsImplemented}/${s.score.commandsTested}` : 'ERROR',
    ) +
    `</tbody>`;
  const body = matrix.groups
    .map(
      ({ group, rows }) =>
        `<tbody data-section><tr class="grp"><th colspan="${servers.length + 2}">${html(group)}</th></tr>` +
        rows
          .map((row) => {
            const cells = row.cells.map((cell, i) => {
              const server = servers[i]!;
              const judgedOn = row.judgedOn[i];
              const label = cellLabel(cell, judgedOn);
              const title = `${server.name}: ${row.id} ${cell ?? 'not reported'}${judgedOn ? `, ${describeJudgedOn(judgedOn)}` : ''}`;
              const link =
                cell === null || server.error !== undefined
                  ? undefined
                  : href(server, requirementAnchor(row.id));
              const content =
                cell === null
                  ? `<span class="note">${label}</span>`
                  : `<span class="v v-${cell}">${label}</span>`;
              return `<td class="cell" data-cell="${html(cell ?? 'none')}" title="${html(title)}">${link ? `<a href="${link}">${content}</a>` : content}</td>`;
            });
            return (
              `<tr data-verdict="${worstCell(row)}" data-group="${html(group)}"><td class="mono" title="${html(row.text)}">${html(row.id)}</td>` +
              `<td>${html(row.level)}</td>${cells.join('')}</tr>`
            );
          })
          .join('') +
        `</tbody>`,
    )
    .join('');
  return `<h2>Requirements × servers</h2><table class="matrix">${head}${body}</table>`;
}

export function renderMatrixHtml(matrix: Matrix): string {
  return renderPage({
    title: matrix.title,
    body:
      `<h1>${html(matrix.title)}</h1>` +
      `<p class="meta">${matrix.servers.length} servers; each cell links to that requirement in the server's own report.</p>` +
      overview(matrix) +
      serverList(matrix) +
      filters(matrix) +
      grid(matrix),
  });
}
