/**
 * The HTML report of a fuzz campaign: the summary, the findings short of failing, and for a
 * failure the shrunk counterexample as a step table (request, expected and actual reply,
 * verdict), the seed and the command that replays it; a parallel failure's branches side by
 * side; a framing failure's exact bytes. Everything from the server escaped.
 */
import { replayCommand, replaySeenToFail } from '../../results/fuzz-replay.js';
import type { FailureDetail, FuzzFailure, FuzzResult, StepRecord } from '../../results/fuzz.js';
import { html } from './escape.js';
import { renderPage } from './page.js';
import { badge, cards } from './verdict.js';

function stepTable(steps: readonly StepRecord[], caption?: string): string {
  if (steps.length === 0) return '';
  const rows = steps.map(
    (s) =>
      `<tr data-verdict="${html(s.verdict)}"><td class="num">${s.index}</td><td class="mono">${html(s.connection)}</td>` +
      `<td><code>${html(s.request, 'wire')}</code></td><td><code>${html(s.expected, 'wire')}</code></td>` +
      `<td><code>${html(s.actual, 'wire')}</code></td><td>${badge(s.verdict)}${s.requirement ? ` <span class="reqs">${html(s.requirement)}</span>` : ''}` +
      `${s.verdict === 'PASS' ? '' : `<div>${html(s.reason)}</div>`}</td></tr>`,
  );
  return (
    `<table class="steps">${caption ? `<caption>${html(caption)}</caption>` : ''}<thead><tr><th>#</th><th>conn</th>` +
    `<th>request</th><th>expected (model)</th><th>actual (server)</th><th>verdict</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function detail(d: FailureDetail): string {
  switch (d.kind) {
    case 'sequential':
      return (
        (d.setup.some((s) => s.verdict !== 'PASS') ? `<h3>Setup</h3>${stepTable(d.setup)}` : '') +
        `<h3>Shrunk case: ${d.steps.length} steps</h3>${stepTable(d.steps)}`
      );
    case 'parallel':
      return (
        (d.prefix.length > 0 ? `<h3>Sequential prefix</h3>${stepTable(d.prefix)}` : '') +
        `<h3>Branches, run at once on their own connections</h3>` +
        `<div class="branches" style="grid-template-columns:repeat(${d.branches.length},minmax(0,1fr))">` +
        d.branches
          .map(
            (b, i) =>
              `<div class="branch" id="branch-${i + 1}">${stepTable(b, `branch ${i + 1}`)}</div>`,
          )
          .join('') +
        `</div>` +
        (d.epilogue.length > 0 ? `<h3>Reads after the branches</h3>${stepTable(d.epilogue)}` : '') +
        `<dl class="ev"><dt>why no order explains it</dt><dd>${html(d.explanation)}</dd>` +
        `<dt>closest order</dt><dd><code>${html(d.closestOrder)}</code></dd></dl>`
      );
    case 'framing':
      return (
        `<h3>The byte stream: ${d.totalBytes} bytes in ${d.chunks.length} chunks, then ${d.close === 'fin' ? 'FIN' : 'an abrupt reset'}</h3>` +
        `<table><thead><tr><th>chunk</th><th>bytes</th><th>shown</th></tr></thead><tbody>` +
        d.chunks
          .map(
            (c) =>
              `<tr><td>${html(c.what)}</td><td class="num">${c.bytes}</td><td><code>${html(c.shown, 'wire')}</code></td></tr>`,
          )
          .join('') +
        `</tbody></table><h3>Hex</h3><pre>${html(d.hex)}</pre>` +
        (d.replies.length > 0
          ? `<h3>Replies on that connection</h3>${d.replies.map((r) => `<pre>${html(r, 'wire')}</pre>`).join('')}`
          : '') +
        `<h3>Liveness probe on a fresh connection</h3>${stepTable(d.probe)}`
      );
  }
}

function failureSection(result: FuzzResult, failure: FuzzFailure): string {
  const replay = replayCommand(
    failure,
    result.replayContext ?? (result.target.embedded ? {} : { target: result.target.address }),
  );
  return (
    `<h2>Failure ${badge(failure.verdict)}</h2>` +
    `<p class="reason">${html(failure.reason)}${failure.requirement ? ` <span class="reqs">${html(failure.requirement)}</span>` : ''}</p>` +
    `<dl class="ev"><dt>seed</dt><dd class="mono" id="fuzz-seed">${failure.seed}</dd><dt>path</dt><dd class="mono">${html(failure.path)}</dd>` +
    `<dt>shrinks</dt><dd>${failure.shrinks}${failure.shrinkNote ? ` (${html(failure.shrinkNote)})` : ''}</dd>` +
    (replaySeenToFail(result.reproduction)
      ? `<dt>replay</dt><dd><code id="replay">${html(replay)}</code></dd>`
      : `<dt>replay</dt><dd>none offered: the case did not fail when replayed on its own</dd>`) +
    (result.scenario
      ? `<dt>as a scenario</dt><dd><code>chatspec test … --scenario ${html(result.scenario.fileName)}</code></dd>`
      : '') +
    (result.scenarioNote ? `<dt>no scenario file</dt><dd>${html(result.scenarioNote)}</dd>` : '') +
    `</dl>${detail(failure.detail)}`
  );
}

export function renderFuzzHtml(result: FuzzResult): string {
  const s = result.stats;
  const target = `${html(result.target.address)}${result.target.embedded ? ' (embedded reference server)' : ''}`;
  const notes =
    result.notes.length === 0
      ? ''
      : `<h2>Findings short of failing</h2><table><thead><tr><th>verdict</th><th>finding</th><th>count</th><th>first example</th></tr></thead><tbody>` +
        result.notes
          .map(
            (n) =>
              `<tr><td>${badge(n.verdict)}</td><td>${html(n.reason)}${n.requirement ? ` <span class="reqs">${html(n.requirement)}</span>` : ''}</td>` +
              `<td class="num">${n.count}</td><td><code>${html(n.example.request, 'wire')}</code> → <code>${html(n.example.actual, 'wire')}</code></td></tr>`,
          )
          .join('') +
        `</tbody></table>`;
  return renderPage({
    title: `chatspec fuzz: ${result.target.address}`,
    body:
      `<h1>Fuzz report (${html(result.mode)}): ${target}</h1>` +
      `<p class="meta">started ${html(result.startedAt)} · seed <span class="mono">${result.seed}</span> · ` +
      `${result.settings.runs} runs of up to ${result.settings.maxCommands} commands · reply timeout ${result.settings.timeoutMs} ms</p>` +
      cards([
        {
          label: 'result',
          value: result.passed ? 'passed' : 'failed',
          tone: result.passed ? 'PASS' : 'FAIL',
          id: 'fuzz-result',
        },
        { label: 'cases run', value: s.runs },
        { label: 'cases while shrinking', value: s.shrinkRuns },
        { label: 'commands', value: s.commands },
        { label: 'requests', value: s.requests },
        { label: 'commands/s', value: s.commandsPerSec },
        ...(s.inconclusive > 0 ? [{ label: 'inconclusive histories', value: s.inconclusive }] : []),
      ]) +
      (result.failure ? failureSection(result, result.failure) : '<p>No case failed.</p>') +
      notes,
  });
}
