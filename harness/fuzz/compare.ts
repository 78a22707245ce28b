/**
 * Reply against model reply, with the harness's leniency: a wrong status or shape is FAIL,
 * a documented text said differently (capitals aside) is NON-STRICT, free text is compared
 * trimmed, inbox entries may be strings or objects, file lists are sets. Status and texts go
 * through the harness's shared verifier (harness/verify/status.ts); contents are compared
 * here, because the fuzzer holds the model's whole reply (every inbox key, every file) where
 * a scenario states only the part it is about.
 */
import {
  ANY_PEER,
  ERROR_TEXTS,
  normalizeFreeText,
  type CommandName,
  decodeBase64,
  sameBase64Bytes,
  type Dialect,
  type ErrorCode,
  type InboxEntry,
  type InboxItem,
  type JsonObject,
  type Reply,
  type RequirementId,
} from '../../specs/index.js';
import { severity, type Verdict } from '../../results/run.js';
import type { Expect } from '../scenario/types.js';
import { gradingFor } from '../verify/check.js';
import { verifyStatus } from '../verify/status.js';

export interface Finding {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly requirement?: RequirementId;
}

export function finding(verdict: Verdict, reason: string, requirement?: RequirementId): Finding {
  return requirement === undefined ? { verdict, reason } : { verdict, reason, requirement };
}

/** The first of the most severe findings, or undefined for none. */
export function worstFinding(findings: readonly Finding[]): Finding | undefined {
  let out: Finding | undefined;
  for (const f of findings)
    if (out === undefined || severity(f.verdict) > severity(out.verdict)) out = f;
  return out;
}

/** Whether a verdict ends a case: FAIL and ERROR always, the SHOULD-level ones under --strict. */
export function isFailing(verdict: Verdict, strict: boolean): boolean {
  if (verdict === 'FAIL' || verdict === 'ERROR') return true;
  return strict && (verdict === 'NON-STRICT' || verdict === 'UNIMPLEMENTED');
}

const SHOW_CHARS = 160;

export function clip(text: string, max = SHOW_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

const q = (value: unknown): string => clip(JSON.stringify(value) ?? String(value));

/** The requirement an OK reply of this command stands for. */
export const OK_REQUIREMENT: Readonly<Record<CommandName, RequirementId>> = {
  AUTH: 'AUTH-1',
  SEND: 'SEND-1',
  INBOX: 'INBOX-1',
  SEND_FILE: 'SENDFILE-1',
  DOWNLOAD_FILE: 'DOWNLOAD-1',
  MY_FILE: 'MYFILE-1',
  SEND_GROUP: 'GROUP-1',
  SEND_GROUP_FILE: 'GROUPFILE-1',
};

/** The requirement an ERROR reply of this command and code stands for. */
export function errorRequirement(command: CommandName | undefined, code: ErrorCode): RequirementId {
  switch (code) {
    case 'UNKNOWN_COMMAND':
      return 'PROTO-1';
    case 'MISSING_PARAMS':
      return command === 'SEND' || command === 'SEND_GROUP' ? 'SEND-6' : 'PROTO-2';
    case 'UNKNOWN_SESSION':
      return 'SESSION-1';
    case 'AUTH_UNKNOWN_USER':
      return 'AUTH-2';
    case 'AUTH_WRONG_PASSWORD':
      return 'AUTH-3';
    case 'UNKNOWN_USER':
      return command === 'SEND_FILE' ? 'SENDFILE-2' : 'SEND-3';
    case 'UNKNOWN_GROUP':
      return command === 'SEND_GROUP_FILE' ? 'GROUPFILE-3' : 'GROUP-3';
    case 'FILE_NOT_FOUND':
      return 'DOWNLOAD-3';
    default:
      return 'PROTO-3';
  }
}

/** The error code whose documented text the model's ERROR reply carries. */
export function errorCodeOf(reply: Reply): ErrorCode | undefined {
  if (reply.status !== 'ERROR') return undefined;
  const entry = Object.entries(ERROR_TEXTS).find(([, text]) => text === reply.message);
  return entry?.[0] as ErrorCode | undefined;
}

/** Grading for the shared status verifier: a miss is FAIL, a text miss NON-STRICT. */
const MUST = gradingFor('MUST', false);

function textExpect(status: 'OK' | 'ERROR', extra: Partial<Expect>): Expect {
  return { status, noExtraBytes: false, onTimeout: 'error', onClosed: 'error', ...extra };
}

/** The harness's own status-and-text checks, as findings under one requirement. */
function sharedTextChecks(
  dialect: Dialect,
  actual: JsonObject,
  expect: Expect,
  requirement: RequirementId,
): Finding[] {
  return verifyStatus(dialect, actual, expect, MUST, undefined)
    .filter((check) => check.verdict !== 'PASS')
    .map((check) =>
      finding(
        check.verdict,
        check.expected !== undefined && check.actual !== undefined
          ? `${check.reason}: ${check.actual} instead of ${check.expected}`
          : check.reason,
        requirement,
      ),
    );
}

/** Both answered ERROR: the text is the SHOULD. */
export function compareErrorText(
  code: ErrorCode,
  command: CommandName | undefined,
  actual: JsonObject,
  dialect: Dialect,
): Finding[] {
  return sharedTextChecks(
    dialect,
    actual,
    textExpect('ERROR', { error: code }),
    errorRequirement(command, code),
  );
}

/** Both answered OK: the success text is the SHOULD. */
export function compareOkText(
  okText: 'MESSAGE_SENT' | 'FILE_SENT',
  actual: JsonObject,
  dialect: Dialect,
  requirement: RequirementId,
): Finding[] {
  return sharedTextChecks(dialect, actual, textExpect('OK', { okText }), requirement);
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Multiset difference: items of `a` not matched in `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/**
 * Whether a group's messages keep the order of each sender's own: for a server that lists
 * group messages under their senders, the order across senders cannot be seen on the wire.
 * When the entries do not name their senders as the model does, only the messages count.
 */
function inOrderPerSender(exp: readonly InboxEntry[], act: readonly InboxItem[]): boolean {
  const senders = new Set(exp.map((e) => e.msg_from));
  if (!act.every((i) => i.from !== undefined && senders.has(i.from))) return true;
  for (const sender of senders) {
    const want = exp.filter((e) => e.msg_from === sender).map((e) => normalizeFreeText(e.msg));
    const got = act.filter((i) => i.from === sender).map((i) => normalizeFreeText(i.text));
    if (want.length !== got.length || want.some((t, i) => t !== got[i])) return false;
  }
  return true;
}

export function compareInbox(
  expected: Readonly<Record<string, readonly InboxEntry[]>>,
  actual: ReadonlyMap<string, readonly InboxItem[]>,
  usernames: ReadonlySet<string>,
  /** Group messages are listed under their senders (a dialect's `groupKey: sender`). */
  groupsUnderSenders = false,
): Finding[] {
  const findings: Finding[] = [];
  const keys = new Set<string>();
  for (const [k, v] of Object.entries(expected)) if (v.length > 0) keys.add(k);
  for (const [k, v] of actual) if (v.length > 0) keys.add(k);
  for (const key of keys) {
    const exp = expected[key] ?? [];
    const act = actual.get(key) ?? [];
    const want = exp.map((e) => normalizeFreeText(e.msg));
    const got = act.map((i) => normalizeFreeText(i.text));
    const personal = usernames.has(key);
    const where = `under ${q(key)}`;
    if (want.length === got.length && want.every((t, i) => t === got[i])) {
      findings.push(...entryNames(exp, act, where));
      continue;
    }
    const lost = minus(want, got);
    const extra = minus(got, want);
    if (lost.length === 0 && extra.length === 0) {
      if (!personal && groupsUnderSenders && inOrderPerSender(exp, act)) continue;
      findings.push(
        finding(
          'FAIL',
          `messages ${where} out of order: expected ${q(want)}, got ${q(got)}`,
          personal ? 'SEND-4' : 'GROUP-6',
        ),
      );
    } else if (extra.length === 0) {
      findings.push(
        finding(
          'FAIL',
          `message(s) lost ${where}: ${q(lost)} missing from ${q(got)}`,
          personal ? 'SEND-2' : 'GROUP-2',
        ),
      );
    } else if (lost.length === 0) {
      findings.push(
        finding(
          'FAIL',
          `unexpected message(s) ${where}: ${q(extra)} (delivered twice, to the wrong user, or not emptied by an earlier read)`,
          'INBOX-2',
        ),
      );
    } else {
      findings.push(
        finding(
          'FAIL',
          `messages ${where}: expected ${q(want)}, got ${q(got)}`,
          personal ? 'SEND-2' : 'GROUP-2',
        ),
      );
    }
  }
  return findings;
}

/** INBOX-4 (MAY): entries as objects with the full names. Recorded, never failed. */
function entryNames(
  exp: readonly InboxEntry[],
  act: readonly InboxItem[],
  where: string,
): Finding[] {
  for (const [i, item] of act.entries()) {
    const want = exp[i];
    if (want === undefined) continue;
    if (item.shape === 'string') {
      return [
        finding(
          'INFORMATIONAL',
          'inbox entries are plain strings, not {msg_from, msg_to, msg}',
          'INBOX-4',
        ),
      ];
    }
    if (item.from !== want.msg_from || item.to !== want.msg_to) {
      return [
        finding(
          'INFORMATIONAL',
          `entry ${where} names ${q({ msg_from: item.from, msg_to: item.to })} where ${q({ msg_from: want.msg_from, msg_to: want.msg_to })} is expected`,
          'INBOX-4',
        ),
      ];
    }
  }
  return [];
}

export function compareFileLists(
  byPeer: Readonly<Record<string, readonly string[]>>,
  actual: ReadonlyMap<string, readonly string[]>,
  usernames: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  // A flat list of names (a dialect's `files: { shape: list }`): the names the user holds
  // from anyone, each once, whatever peers a name came from.
  const flat = actual.size === 1 && actual.has(ANY_PEER);
  const expected = flat ? { [ANY_PEER]: [...new Set(Object.values(byPeer).flat())] } : byPeer;
  const peers = new Set<string>();
  for (const [k, v] of Object.entries(expected)) if (v.length > 0) peers.add(k);
  for (const [k, v] of actual) if (v.length > 0) peers.add(k);
  for (const peer of peers) {
    const want = new Set(expected[peer] ?? []);
    const gotList = actual.get(peer) ?? [];
    const got = new Set(gotList);
    const missing = [...want].filter((f) => !got.has(f));
    const extra = [...got].filter((f) => !want.has(f));
    if (missing.length > 0) {
      findings.push(
        finding(
          'FAIL',
          `my_file lacks ${q(missing)} under ${q(peer)}`,
          usernames.has(peer) || flat ? 'SENDFILE-3' : 'GROUPFILE-2',
        ),
      );
    }
    if (extra.length > 0) {
      findings.push(
        finding(
          'FAIL',
          `my_file lists ${q(extra)} under ${q(peer)}, never received there`,
          'MYFILE-1',
        ),
      );
    }
    if (!flat && gotList.length > got.size) {
      findings.push(
        finding(
          'NON-STRICT',
          `my_file lists a filename twice under ${q(peer)}: ${q(gotList)}`,
          'DOWNLOAD-5',
        ),
      );
    }
  }
  return findings;
}

function describeData(base64: string): string {
  const bytes = decodeBase64(base64);
  return `${bytes === undefined ? 'not valid base64' : `${bytes.length} bytes`} (${clip(base64, 24)})`;
}

export interface DownloadComparison {
  readonly findings: Finding[];
  /** The data the server returned, when the model did not know it. */
  readonly learned?: string;
}

export function compareDownload(
  expected: { readonly filename: string; readonly data: string; readonly messages: string },
  actual: JsonObject,
  dialect: Dialect,
  unknownData: string,
): DownloadComparison {
  const read = dialect.readDownload(actual);
  if (!read.ok)
    return { findings: [finding('FAIL', `download reply: ${read.reason}`, 'DOWNLOAD-1')] };
  const findings: Finding[] = [];
  if (read.value.filename !== expected.filename) {
    findings.push(
      finding(
        'FAIL',
        `"filename" is ${q(read.value.filename)}, not ${q(expected.filename)}`,
        'DOWNLOAD-1',
      ),
    );
  }
  let learned: string | undefined;
  if (expected.data === unknownData) {
    learned = read.value.data;
  } else if (!sameBase64Bytes(read.value.data, expected.data)) {
    findings.push(
      finding(
        'FAIL',
        `data is ${describeData(read.value.data)}, not the ${describeData(expected.data)} last sent under this name`,
        'DOWNLOAD-1',
      ),
    );
  }
  if (read.value.text === undefined) {
    findings.push(finding('NON-STRICT', 'no "messages" text', 'DOWNLOAD-1'));
  } else if (!sameText(read.value.text, expected.messages)) {
    findings.push(
      finding(
        'NON-STRICT',
        `"messages" is ${q(read.value.text)} where ${q(expected.messages)} is documented`,
        'DOWNLOAD-1',
      ),
    );
  }
  return learned === undefined ? { findings } : { findings, learned };
}
