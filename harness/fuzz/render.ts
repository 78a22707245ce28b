/**
 * A campaign's result as text a person reads: the summary, the notes, and for a failure the
 * shrunk case step by step (branches side by side for a parallel one) with the command that
 * replays it. Pure functions from result to lines; only the CLI prints them.
 */
import type {
  FramingFailureDetail,
  FuzzFailure,
  FuzzResult,
  ParallelFailureDetail,
  Reproduction,
  SequentialFailureDetail,
  StepRecord,
} from '../../results/fuzz.js';
import {
  replayCommand,
  replaySeenToFail,
  scenarioCommand,
  type ReplayContext,
} from '../../results/fuzz-replay.js';

const INDENT = '  ';

function withRequirement(text: string, requirement: string | undefined): string {
  return requirement === undefined ? text : `${text} [${requirement}]`;
}

export function renderSummary(result: FuzzResult): string[] {
  const s = result.stats;
  const lines = [
    `chatspec fuzz (${result.mode}) against ${result.target.address}${result.target.embedded ? ' (embedded reference server)' : ''}, seed ${result.seed}`,
    `${INDENT}${s.runs} case(s) run${s.shrinkRuns > 0 ? ` + ${s.shrinkRuns} while shrinking` : ''}; ` +
      `${s.commands} ${result.mode === 'framing' ? 'stream chunk(s)' : 'command(s)'}, ${s.requests} request(s) in ${s.durationMs} ms ` +
      `(${s.commandsPerSec} commands/s, ${s.requestsPerSec} requests/s)`,
  ];
  const commands = result.commands;
  if (commands !== undefined && commands.missing.length > 0) {
    lines.push(
      `${INDENT}commands the server lacks (answered like an unknown command; not fuzzed): ${commands.missing.map((c) => c.toLowerCase()).join(', ')}`,
    );
  }
  if (commands?.notLearned !== undefined) {
    lines.push(
      `${INDENT}which commands the server has could not be learned (${commands.notLearned}); all were fuzzed`,
    );
  }
  if (s.inconclusive > 0) {
    lines.push(
      `${INDENT}${s.inconclusive} parallel histor${s.inconclusive === 1 ? 'y' : 'ies'} too large to decide (search bound reached)`,
    );
  }
  if (result.settings.path !== undefined && result.passed) {
    lines.push(
      `${INDENT}the case at path ${result.settings.path} passed: the failure did not reproduce`,
    );
  }
  if (result.notes.length > 0) {
    lines.push(`${INDENT}findings short of failing:`);
    for (const note of result.notes) {
      lines.push(
        `${INDENT}${INDENT}${note.verdict.padEnd(13)} ×${note.count}  ${withRequirement(note.reason, note.requirement)}`,
      );
      lines.push(
        `${INDENT}${INDENT}${' '.repeat(13)}   e.g. ${note.example.request}  →  ${note.example.actual}`,
      );
    }
  }
  lines.push(
    result.passed
      ? 'PASS: no failure found'
      : `${result.failure?.verdict ?? 'FAIL'}: a failing case was found`,
  );
  return lines;
}

function renderStep(record: StepRecord, label: string, full: boolean): string[] {
  const lines = [`${INDENT}${label.padStart(4)}  ${record.connection}  ${record.request}`];
  const pad = `${INDENT}${' '.repeat(4)}      `;
  if (full || record.verdict !== 'PASS') {
    lines.push(`${pad}expected ${record.expected}`);
    lines.push(`${pad}actual   ${record.actual}`);
  } else {
    lines.push(
      `${pad}← ${record.actual}${record.login !== undefined ? `   (session $${record.login})` : ''}`,
    );
  }
  if (record.verdict !== 'PASS')
    lines.push(`${pad}${record.verdict}: ${withRequirement(record.reason, record.requirement)}`);
  return lines;
}

const LEARNING_NOTE =
  'Before step 1, every user logged in (the session $<username>), read its inbox empty and listed its files.';

function renderSequential(detail: SequentialFailureDetail): string[] {
  const lines: string[] = [];
  if (detail.setup.length > 0 && detail.steps.length === 0) {
    lines.push(`${INDENT}The server failed while the fuzzer learned its state:`);
    detail.setup.forEach((r) => lines.push(...renderStep(r, String(r.index), false)));
    return lines;
  }
  lines.push(`${INDENT}The shrunk case, ${detail.steps.length} step(s). ${LEARNING_NOTE}`);
  detail.steps.forEach((r, i) =>
    lines.push(...renderStep(r, String(r.index), i === detail.steps.length - 1)),
  );
  return lines;
}

function cell(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

function renderParallel(detail: ParallelFailureDetail): string[] {
  const lines: string[] = [];
  if (detail.setup.length > 0 && detail.prefix.length === 0 && detail.branches.length === 0) {
    lines.push(`${INDENT}The server failed while the fuzzer learned its state:`);
    detail.setup.forEach((r) => lines.push(...renderStep(r, String(r.index), false)));
    return lines;
  }
  lines.push(`${INDENT}${LEARNING_NOTE}`);
  if (detail.prefix.length > 0) {
    lines.push(`${INDENT}Sequential prefix:`);
    detail.prefix.forEach((r) => lines.push(...renderStep(r, `p${r.index}`, false)));
  }
  // Branches shrunk to nothing are left out; the others keep their numbers.
  const shown = detail.branches
    .map((steps, b) => ({ steps, b }))
    .filter(({ steps }) => steps.length > 0);
  if (shown.length > 0) {
    const width = 46;
    lines.push(`${INDENT}Branches, run at the same time, each on its own connection:`);
    lines.push(
      `${INDENT}${INDENT}${shown.map(({ b }) => cell(`branch ${b + 1}`, width)).join(' │ ')}`,
    );
    const rows = Math.max(...shown.map(({ steps }) => steps.length));
    for (let i = 0; i < rows; i++) {
      const requests = shown.map(({ steps }) =>
        cell(steps[i] ? `${i + 1}. ${steps[i]!.request}` : '', width),
      );
      const replies = shown.map(({ steps }) =>
        cell(steps[i] ? `   ← ${steps[i]!.actual}` : '', width),
      );
      lines.push(`${INDENT}${INDENT}${requests.join(' │ ')}`);
      lines.push(`${INDENT}${INDENT}${replies.join(' │ ')}`);
    }
    detail.branches.forEach((branch, b) => {
      branch.forEach((r) =>
        lines.push(...renderStep(r, `b${b + 1}.${r.index}`, r.verdict !== 'PASS')),
      );
    });
  }
  if (detail.epilogue.length > 0) {
    lines.push(`${INDENT}Then every inbox and file list was read:`);
    detail.epilogue.forEach((r) =>
      lines.push(...renderStep(r, `e${r.index}`, r.verdict !== 'PASS')),
    );
  }
  lines.push(`${INDENT}No interleaving of the branches explains these replies.`);
  if (detail.closestOrder !== '')
    lines.push(`${INDENT}The closest interleaving, ${detail.closestOrder}, breaks down here:`);
  lines.push(`${INDENT}${INDENT}${detail.explanation}`);
  return lines;
}

function renderFraming(detail: FramingFailureDetail): string[] {
  const lines = [
    `${INDENT}The shrunk byte stream, ${detail.totalBytes} byte(s) in ${detail.chunks.length} write(s), then ${detail.close === 'fin' ? 'a FIN (half-close)' : 'an abrupt close'}:`,
  ];
  detail.chunks.forEach((c, i) =>
    lines.push(`${INDENT}${String(i + 1).padStart(4)}  ${c.what} (${c.bytes} B): ${c.shown}`),
  );
  lines.push(`${INDENT}As hex: ${detail.hex}`);
  if (detail.replies.length > 0) {
    lines.push(`${INDENT}Replies on that connection:`);
    detail.replies.forEach((r) => lines.push(`${INDENT}${INDENT}${r}`));
  }
  if (detail.probe.length > 0) {
    lines.push(`${INDENT}Then, on a fresh connection:`);
    detail.probe.forEach((r) =>
      lines.push(...renderStep(r, `probe${r.index}`, r.verdict !== 'PASS')),
    );
  }
  return lines;
}

export function renderFailure(
  failure: FuzzFailure,
  context: ReplayContext,
  scenarioPath?: string,
  reproduction?: Reproduction,
): string[] {
  const lines = [
    '',
    `${failure.verdict}: ${withRequirement(failure.reason, failure.requirement)}`,
    `${INDENT}seed ${failure.seed}, path ${failure.path}; shrunk ${failure.shrinks} time(s)`,
  ];
  if (failure.shrinkNote !== undefined) lines.push(`${INDENT}${failure.shrinkNote}`);
  lines.push('');
  switch (failure.detail.kind) {
    case 'sequential':
      lines.push(...renderSequential(failure.detail));
      break;
    case 'parallel':
      lines.push(...renderParallel(failure.detail));
      break;
    case 'framing':
      lines.push(...renderFraming(failure.detail));
      break;
  }
  lines.push('');
  if (reproduction !== undefined) lines.push(...renderReproduction(reproduction));
  if (replaySeenToFail(reproduction)) {
    lines.push(`Replay: ${replayCommand(failure, context)}`);
  }
  if (scenarioPath !== undefined && reproduction?.saved !== 'none') {
    lines.push(`Scenario: ${scenarioPath}  (${scenarioCommand(context, scenarioPath)})`);
  }
  return lines;
}

export function renderReproduction(r: Reproduction): string[] {
  const where = r.on === 'fresh-server' ? 'on a fresh server' : 'with fresh logins';
  if (r.replayed === 'path') {
    return r.saved === 'shrunk'
      ? [
          `Reproduced: the case failed in ${r.attempts} of ${r.attempts} replays of its seed and path ${where}.`,
        ]
      : [
          `Did not reproduce on its own: replayed from its seed and path ${where}, the case failed ${r.shrunkFailed} time(s) before a replay passed.`,
          `${INDENT}No replay is offered: the failure needs a timing, or what earlier cases left on the server.`,
        ];
  }
  if (r.saved === 'shrunk') {
    return [
      `Reproduced: the saved case failed in ${r.attempts} of ${r.attempts} replays ${where}.`,
    ];
  }
  const lines = [
    `Depends on the server's state before the case: replayed on its own ${where}, the shrunk case failed ${r.shrunkFailed} time(s) before a replay passed.`,
  ];
  if (r.saved === 'larger') {
    lines.push(
      `${INDENT}The scenario file holds instead a larger failing case of this campaign (${r.savedSteps ?? '?'} steps), which failed in ${r.attempts} of ${r.attempts} replays ${where}.`,
    );
  } else if (r.saved === 'isolated') {
    lines.push(
      `${INDENT}The scenario file holds instead the case a second search found with a fresh server for every case (${r.savedSteps ?? '?'} steps; ${r.savedReason ?? ''}${r.savedRequirement !== undefined ? ` [${r.savedRequirement}]` : ''}), which failed in ${r.attempts} of ${r.attempts} replays ${where}.`,
    );
  } else {
    lines.push(
      `${INDENT}No failing case of this campaign failed on its own, so no replay is offered: the failure needs what earlier cases left on the server.`,
    );
  }
  return lines;
}
