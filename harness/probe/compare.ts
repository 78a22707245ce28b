/**
 * What a probe can know of a dialect, and where a found dialect differs from the one a
 * server speaks: for the tests and the benchmark that check probe against servers whose
 * dialect is known.
 */
import type { CommandName, DialectSpec, ErrorCode } from '../../specs/index.js';

/** The error texts a probe provokes with harmless requests (and the command each needs). */
const PROBED_ERRORS: Readonly<Record<string, readonly CommandName[]>> = {
  UNKNOWN_COMMAND: [],
  MISSING_PARAMS: [],
  AUTH_UNKNOWN_USER: [],
  AUTH_WRONG_PASSWORD: [],
  UNKNOWN_SESSION: ['INBOX'],
  UNKNOWN_USER: ['SEND', 'INBOX'],
  UNKNOWN_GROUP: ['SEND_GROUP', 'INBOX'],
  FILE_NOT_FOUND: ['SEND_FILE', 'DOWNLOAD_FILE'],
};

/** The settings of `spec` a probe can observe on a server that speaks it, dotted path -> value. */
export function probeableSettings(spec: DialectSpec): Map<string, string> {
  const lacks = (c: CommandName): boolean => spec.commands[c] === 'unsupported';
  const out = new Map<string, string>();
  for (const [command, spelled] of Object.entries(spec.commands)) {
    out.set(`commands.${command}`, spelled === 'unsupported' ? spelled : spelled.request);
  }
  const r = spec.replies;
  out.set('replies.token', r.token);
  out.set('replies.errorText', r.errorText);
  if (!lacks('SEND')) out.set('replies.okText', r.okText);
  if (!lacks('SEND') && !lacks('INBOX')) {
    out.set('replies.inbox.key', r.inbox.key);
    out.set('replies.inbox.personal', r.inbox.personal);
    out.set('replies.inbox.destructive', String(r.inbox.destructive));
    out.set('replies.inbox.order', r.inbox.order);
    if (!lacks('SEND_FILE')) out.set('replies.inbox.fileNotices', String(r.inbox.fileNotices));
    if (!lacks('SEND_GROUP')) {
      out.set('replies.inbox.group', r.inbox.group);
      out.set('replies.inbox.groupKey', r.inbox.groupKey);
    }
  }
  if (!lacks('SEND_GROUP')) {
    for (const key of ['create', 'join', 'inbox', 'inboxKey'] as const) {
      out.set(`groups.${key}`, spec.groups?.[key] ?? '(none)');
    }
  }
  if (!lacks('SEND_FILE') && !lacks('MY_FILE')) {
    out.set('replies.files.key', r.files.key);
    out.set('replies.files.shape', r.files.shape);
  }
  if (!lacks('SEND_FILE') && !lacks('DOWNLOAD_FILE')) {
    out.set('replies.download.filename', r.download.filename);
    out.set('replies.download.data', r.download.data);
    out.set('replies.download.text', r.download.text ?? '(none)');
  }
  for (const [code, needs] of Object.entries(PROBED_ERRORS)) {
    if (needs.some(lacks)) continue;
    out.set(`errors.${code}`, spec.errors[code as ErrorCode]?.[0] ?? '(canonical)');
  }
  return out;
}

/** `path: found X, speaks Y` for every probeable setting the found dialect got wrong. */
export function probeMisses(found: DialectSpec, spoken: DialectSpec): string[] {
  const want = probeableSettings(spoken);
  const got = probeableSettings(found);
  const misses: string[] = [];
  for (const [path, value] of want) {
    const g = got.get(path);
    if (g !== value) misses.push(`${path}: found ${g ?? '(nothing)'}, speaks ${value}`);
  }
  return misses;
}
