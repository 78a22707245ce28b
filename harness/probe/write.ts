/**
 * The probe's findings as a dialect file (YAML, a comment on each setting saying how sure
 * the probe is and why) and as a short summary. The file says every setting
 * (`extends: none`), so it reads on its own and `chatspec test --dialect` takes it as is.
 */
import { stringify } from 'yaml';
import { COMMAND_NAMES, ERROR_TEXTS, type ErrorCode } from '../../specs/index.js';
import type { Finding, DialectProbeResult } from './engine.js';

function scalar(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function comment(finding: Finding | undefined): string {
  return finding === undefined
    ? ''
    : `  # ${finding.confidence}: ${finding.note.replace(/\s+/g, ' ')}`;
}

export function renderDialectYaml(result: DialectProbeResult, when: Date = new Date()): string {
  const { spec } = result;
  const by = new Map(result.findings.map((f) => [f.path, f]));
  const out: string[] = [
    `# The dialect of ${result.address}, found by chatspec probe at ${when.toISOString()}`,
    `# with ${result.requests} requests in ${result.elapsedMs} ms${result.abandoned > 0 ? ` (${result.abandoned} connection(s) abandoned: no reply in time)` : ''}.`,
    ...(result.stopped ? [`# The probe stopped early: ${result.stopped}.`] : []),
    '# confirmed: seen to work by its effect; likely: accepted, effect not seen;',
    "# assumed: not observed, the document's setting kept. Edit freely: chatspec test --dialect FILE.",
    `name: ${scalar(spec.name)}`,
    `description: ${scalar(spec.description ?? '')}`,
    'extends: none',
    'commands:',
  ];
  for (const command of COMMAND_NAMES) {
    const c = spec.commands[command];
    out.push(
      `  ${command}: ${scalar(c === 'unsupported' ? c : c.request)}${comment(by.get(`commands.${command}`))}`,
    );
  }
  const r = spec.replies;
  out.push(
    'replies:',
    `  token: ${scalar(r.token)}${comment(by.get('replies.token'))}`,
    `  errorText: ${scalar(r.errorText)}${comment(by.get('replies.errorText'))}`,
    `  okText: ${scalar(r.okText)}${comment(by.get('replies.okText'))}`,
    '  inbox:',
  );
  for (const key of ['key', 'personal', 'group', 'groupKey', 'destructive', 'order'] as const) {
    out.push(`    ${key}: ${scalar(r.inbox[key])}${comment(by.get(`replies.inbox.${key}`))}`);
  }
  out.push(
    `    fileNotices: ${scalar(r.inbox.fileNotices)}${comment(by.get('replies.inbox.fileNotices'))}`,
  );
  out.push('  files:');
  for (const key of ['key', 'shape'] as const) {
    out.push(`    ${key}: ${scalar(r.files[key])}${comment(by.get(`replies.files.${key}`))}`);
  }
  out.push('  download:');
  out.push(
    `    filename: ${scalar(r.download.filename)}${comment(by.get('replies.download.filename'))}`,
  );
  out.push(`    data: ${scalar(r.download.data)}${comment(by.get('replies.download.data'))}`);
  out.push(
    `    text: ${r.download.text === undefined ? 'null' : scalar(r.download.text)}${comment(by.get('replies.download.text'))}`,
  );
  const groups = spec.groups ?? {};
  if (Object.keys(groups).length > 0) {
    out.push('groups:');
    for (const key of ['create', 'join', 'inbox', 'inboxKey'] as const) {
      const value = groups[key];
      if (value !== undefined)
        out.push(`  ${key}: ${scalar(value)}${comment(by.get(`groups.${key}`))}`);
    }
  }
  out.push('errors:');
  for (const code of Object.keys(ERROR_TEXTS) as ErrorCode[]) {
    const texts = spec.errors[code] ?? [ERROR_TEXTS[code]];
    const value = texts.length === 1 ? scalar(texts[0]) : `[${texts.map(scalar).join(', ')}]`;
    out.push(
      `  ${code}: ${value}${comment(by.get(`errors.${code}`) ?? { path: '', confidence: 'assumed', note: "not probed; the document's text" })}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** A few lines for the terminal: what differs from the document, and the cost. */
export function renderProbeSummary(
  result: DialectProbeResult,
  differences: readonly string[],
): string {
  const lines = [
    `probe ${result.address}: ${result.requests} requests, ${result.elapsedMs} ms${result.abandoned > 0 ? `, ${result.abandoned} connection(s) abandoned` : ''}${result.stopped ? ` (stopped: ${result.stopped})` : ''}`,
  ];
  if (differences.length === 0)
    lines.push("  the canonical dialect: every setting probed is the document's");
  const by = new Map(result.findings.map((f) => [f.path, f]));
  for (const d of differences) {
    const path = d.split(' = ')[0]!;
    const f = by.get(path);
    lines.push(`  ${d}${f ? `  (${f.confidence})` : ''}`);
  }
  // Said on every run: what the probe's requests leave behind.
  if (result.changes.length === 0) {
    lines.push('  left on the server: nothing the probe could see');
  } else {
    lines.push('  left on the server:');
    for (const change of result.changes) lines.push(`    - ${change}`);
  }
  return lines.join('\n');
}
