/**
 * The HTML report of one conformance run: the summary, every requirement's verdict grouped
 * by command, and every scenario, expandable to its evidence and transcript; filters by
 * verdict and by command. One self-contained page; everything from the server escaped.
 */
import {
  VERDICTS,
  describeJudgedOn,
  type RunResult,
  type ScenarioResult,
} from '../../results/run.js';
import { formatSeconds, plural } from '../format.js';
import { groupScenarios, groupSummary } from '../groups.js';
import { groupRequirements } from '../requirement-groups.js';
import { scoreOf } from '../score.js';
import { gradeLine } from '../grading/grade.js';
import { html, slug } from './escape.js';
import { extraFields } from './extras.js';
import { renderPage } from './page.js';
import { transcriptTable } from './transcript.js';
import { badge, cards } from './verdict.js';

/** The anchor of a scenario's <details>, for links from the matrix and the requirements. */
export function scenarioAnchor(id: string): string {
  return `s-${slug(id)}`;
}

/** The anchor of a requirement's row. */
export function requirementAnchor(id: string): string {
  return `r-${slug(id)}`;
}

const KNOWN_RUN_KEYS = new Set([
  'schemaVersion',
  'tool',
  'target',
  'startedAt',
  'durationMs',
  'strict',
  'timeoutMs',
  'summary',
  'scenarios',
  'requirements',
  'process',
  'grade',
  'dialect',
  'preflight',
]);

const KNOWN_SCENARIO_KEYS = new Set([
  'id',
  'title',
  'group',
  'command',
  'requirements',
  'verdict',
  'reason',
  'expected',
  'actual',
  'step',
  'durationMs',
  'transcript',
  'notRun',
  'sameFaultAs',
  'ownVerdict',
  'serverOutput',
  'afterRestart',
  'judged',
]);

/** The dialect as a reader wants it: its name, where it came from, its differences listed. */
function dialectProse(result: RunResult): string {
  const d = result.dialect;
  if (d === undefined) return '';
  const how = { default: 'none given', given: 'given', probed: 'found by probing' }[d.how];
  return (
    `<p>Dialect: <strong>${html(d.name)}</strong> (${how}; ${html(d.source)})` +
    (d.differences.length === 0
      ? '; it is the canonical protocol.</p>'
      : `; where it differs from the canonical protocol:</p><ul>${d.differences.map((x) => `<li><code>${html(x)}</code></li>`).join('')}</ul>`)
  );
}

/** What the preflight learned, as sentences; the server's replies shown as received. */
function preflightProse(result: RunResult): string {
  const p = result.preflight;
  if (p === undefined) return '';
  const said: string[] = [];
  said.push(
    p.absentCommands.length === 0
      ? 'The server answered every command’s verb as a command it knows.'
      : `The server answers ${html(p.absentCommands.map((c) => c.toLowerCase()).join(', '))} as unknown commands: it lacks them.`,
  );
  if (p.unknownCommandReply !== undefined)
    said.push(`A made-up verb got <code>${html(p.unknownCommandReply.text)}</code>.`);
  if (p.missingParamsReply !== undefined)
    said.push(
      `<code>auth</code> with no params got <code>${html(p.missingParamsReply.text)}</code>.`,
    );
  const login = {
    ok: 'Logging in as the fixture’s first user worked.',
    'token-under-key': `Logging in worked, with the token under "${html(p.tokenKey ?? '?')}".`,
    impossible: `No session could be had: ${html(p.loginProblem ?? 'see the AUTH scenarios')}.`,
    unanswered: 'The login got no answer.',
    'not-tried': 'No login was tried.',
  }[p.login];
  said.push(login);
  return `<p>Before the run (${p.requests} requests): ${said.join(' ')}</p>`;
}

function header(result: RunResult): string {
  const target = result.target.embedded
    ? `${html(result.target.address)} (embedded reference server)`
    : html(result.target.address);
  const extras = extraFields(result, KNOWN_RUN_KEYS);
  return (
    `<h1>Conformance report: ${target}</h1>` +
    `<p class="meta">${html(result.tool.name)} ${html(result.tool.version)} · started ${html(result.startedAt)} · ` +
    `${formatSeconds(result.durationMs)} · reply timeout ${result.timeoutMs} ms · ` +
    `${result.strict ? 'strict: NON-STRICT and UNIMPLEMENTED fail the run' : 'not strict'}</p>` +
    dialectProse(result) +
    preflightProse(result) +
    (extras === '' ? '' : `<dl class="ev">${extras}</dl>`)
  );
}

function summary(result: RunResult): string {
  const score = scoreOf(result);
  return (
    cards([
      { label: 'scenarios', value: result.scenarios.length, id: 'count-scenarios' },
      ...VERDICTS.filter((v) => result.summary[v] > 0).map((v) => ({
        label: v,
        value: result.summary[v],
        tone: v,
        id: `count-${v}`,
      })),
    ]) +
    cards([
      { label: 'MUST met', value: `${score.mustMet}/${score.mustTotal}`, id: 'score-must' },
      { label: 'SHOULD met', value: `${score.shouldMet}/${score.shouldTotal}`, id: 'score-should' },
      {
        label: 'commands implemented',
        value: `${score.commandsImplemented}/${score.commandsTested}`,
        id: 'score-commands',
      },
    ])
  );
}

/** Every requirement's points, verdict and evidence: each point lost can be traced. */
function gradeSection(result: RunResult): string {
  const grade = result.grade;
  if (grade === undefined) return '';
  const rows = grade.rows
    .map(
      (row) =>
        `<tr data-verdict="${html(row.verdict)}"><td class="mono"><a href="#${requirementAnchor(row.id)}">${html(row.id)}</a></td>` +
        `<td>${html(row.level)}</td><td>${html(row.command === 'all' ? 'all commands' : row.command)}</td>` +
        `<td>${badge(row.verdict)}</td><td class="num">${row.earned} / ${row.possible}</td>` +
        `<td>${html(row.reason)}</td><td>${row.evidence
          .map((id) => `<a href="#${scenarioAnchor(id)}" class="sid">${html(id)}</a>`)
          .join(' ')}</td></tr>`,
    )
    .join('');
  return (
    `<section id="grade"><h2>Score: ${html(gradeLine(grade))}</h2>` +
    (grade.provisional
      ? `<div class="ev"><strong>Provisional:</strong> the run itself could not judge some requirements; each stays in the total at 0.<ul>${grade.runProblems
          .map((p) => `<li>${html(p)}</li>`)
          .join('')}</ul></div>`
      : '') +
    `<details><summary>points of every requirement</summary><table><thead><tr><th>requirement</th><th>level</th><th>counts under</th><th>verdict</th><th>points</th><th>why</th><th>evidence</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></details></section>`
  );
}

function filters(result: RunResult): string {
  const present = VERDICTS.filter((v) => result.summary[v] > 0);
  const groups = groupScenarios(result.scenarios).map((g) => g.group);
  return (
    `<div class="filters" id="filters"><strong>Show</strong>` +
    present
      .map(
        (v) =>
          `<label><input type="checkbox" data-filter-verdict value="${v}" checked> ${badge(v)}</label>`,
      )
      .join('') +
    `<label>command <select id="filter-group"><option value="">all</option>` +
    groups.map((g) => `<option value="${html(g)}">${html(g)}</option>`).join('') +
    `</select></label>` +
    `<button type="button" id="expand-failed">open every FAIL and ERROR</button>` +
    `<span class="note"><span id="shown-count">${result.scenarios.length}</span> scenarios shown</span></div>`
  );
}

function requirementsSection(result: RunResult): string {
  if (result.requirements.length === 0) return '';
  const known = new Set(result.scenarios.map((s) => s.id));
  const groups = groupRequirements(result.requirements);
  const body = groups
    .map(
      ({ group, requirements }) =>
        `<tbody data-section><tr class="grp"><th colspan="5">${html(group)}</th></tr>` +
        requirements
          .map((req) => {
            const links = req.scenarios
              .map((id) =>
                known.has(id)
                  ? `<a href="#${scenarioAnchor(id)}" class="sid">${html(id)}</a>`
                  : `<span class="sid note">${html(id)}</span>`,
              )
              .join(' ');
            return (
              `<tr class="req" id="${requirementAnchor(req.id)}" data-verdict="${html(req.verdict)}" data-group="${html(group)}">` +
              `<td class="mono">${html(req.id)}</td><td>${html(req.level)}</td><td>${badge(req.verdict)}</td>` +
              `<td>${html(req.text)}${req.judgedOn ? ` <span class="note">(${html(describeJudgedOn(req.judgedOn))})</span>` : ''}</td><td>${links}</td></tr>`
            );
          })
          .join('') +
        `</tbody>`,
    )
    .join('');
  return (
    `<h2>Requirements</h2><table class="requirements"><thead><tr><th>id</th><th>level</th>` +
    `<th>verdict</th><th>rule</th><th>scenarios</th></tr></thead>${body}</table>`
  );
}

function evidence(scenario: ScenarioResult): string {
  const rows: string[] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined) rows.push(`<dt>${label}</dt><dd>${value}</dd>`);
  };
  add('requirements', html(scenario.requirements.join(', ')) || undefined);
  add(
    'judged',
    scenario.judged === undefined || Object.values(scenario.judged).every((v) => v === 'PASS')
      ? undefined
      : Object.entries(scenario.judged)
          .map(([id, verdict]) => `${html(id)} ${badge(verdict ?? 'PASS')}`)
          .join(', '),
  );
  add('reason', html(scenario.reason));
  add(
    'expected',
    scenario.expected === undefined ? undefined : `<code>${html(scenario.expected)}</code>`,
  );
  add(
    'actual',
    scenario.actual === undefined ? undefined : `<code>${html(scenario.actual)}</code>`,
  );
  add('step', scenario.step === undefined ? undefined : String(scenario.step));
  add('took', `${scenario.durationMs.toFixed(1)} ms`);
  add('not run', scenario.notRun === undefined ? undefined : html(scenario.notRun));
  add(
    'same fault as',
    scenario.sameFaultAs === undefined
      ? undefined
      : `<a href="#${scenarioAnchor(scenario.sameFaultAs)}" class="sid">${html(scenario.sameFaultAs)}</a>` +
          (scenario.ownVerdict === undefined
            ? ''
            : ` (its own verdict: ${badge(scenario.ownVerdict)})`),
  );
  add(
    'after restart',
    scenario.afterRestart === undefined
      ? undefined
      : `restart ${scenario.afterRestart} of the server`,
  );
  return `<dl class="ev">${rows.join('')}${extraFields(scenario, KNOWN_SCENARIO_KEYS)}</dl>`;
}

/** What a launched server printed during the scenario, beside its transcript. */
function serverOutput(scenario: ScenarioResult): string {
  const printed = scenario.serverOutput ?? [];
  if (printed.length === 0) return '';
  const lines = printed
    .map((line) => `<span class="s-${line.stream}">${html(line.text)}</span>`)
    .join('\n');
  return `<p class="note">The server printed (stdout, <span class="s-stderr">stderr</span>):</p><pre class="server-output">${lines}</pre>`;
}

/** The launched server's process over the run: restarts, exits, memory, idle CPU. */
function processSection(result: RunResult): string {
  const p = result.process;
  if (p === undefined) return '';
  const mib = (bytes: number | undefined): string =>
    bytes === undefined ? 'not measured' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const rows = [
    `<dt>restarts</dt><dd>${p.restarts}</dd>`,
    `<dt>exits</dt><dd>${
      p.exits.length === 0
        ? 'none'
        : p.exits
            .map(
              (e) =>
                `<a href="#${scenarioAnchor(e.scenario)}" class="sid">${html(e.scenario)}</a>: ${html(
                  e.signal ?? `exit code ${e.code ?? '?'}`,
                )} (${html(e.reason)})`,
            )
            .join('; ')
    }</dd>`,
    `<dt>memory</dt><dd>${mib(p.memoryAtStartBytes)} at start, ${mib(p.memoryAtEndBytes)} at end</dd>`,
    `<dt>idle CPU</dt><dd>${
      p.idleCpu === undefined
        ? 'not measured'
        : `${p.idleCpu.cpuSeconds.toFixed(2)} CPU-seconds in ${(p.idleCpu.windowMs / 1000).toFixed(1)} s (${(p.idleCpu.coreShare * 100).toFixed(1)}% of a core)`
    }</dd>`,
  ];
  return `<h2>The server's process</h2><dl class="ev">${rows.join('')}</dl>`;
}

function scenarioDetails(scenario: ScenarioResult): string {
  return (
    `<details class="scenario" id="${scenarioAnchor(scenario.id)}" data-verdict="${html(scenario.verdict)}" data-group="${html(scenario.group)}">` +
    `<summary>${badge(scenario.verdict)} <span class="sid">${html(scenario.id)}</span> ` +
    `<span>${html(scenario.title)}</span> <span class="reqs">${html(scenario.requirements.join(', '))}</span></summary>` +
    `<div class="body">${evidence(scenario)}${serverOutput(scenario)}${transcriptTable(scenario.transcript)}</div></details>`
  );
}

function scenariosSection(result: RunResult): string {
  return (
    `<h2>Scenarios</h2>` +
    groupScenarios(result.scenarios)
      .map(
        ({ group, scenarios }) =>
          `<section data-section><h3>${html(group)} <span class="note">— ${html(groupSummary(group))}, ${plural(scenarios.length, 'scenario')}</span></h3>` +
          scenarios.map(scenarioDetails).join('') +
          `</section>`,
      )
      .join('')
  );
}

/** The whole page. */
export function renderTestHtml(result: RunResult): string {
  return renderPage({
    title: `chatspec report: ${result.target.address}`,
    body:
      header(result) +
      summary(result) +
      gradeSection(result) +
      filters(result) +
      requirementsSection(result) +
      processSection(result) +
      scenariosSection(result),
  });
}
