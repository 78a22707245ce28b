/**
 * Reply against model reply, with the harness's leniency: a wrong status or shape is FAIL,
 * a documented text said differently (capitals aside) is NON-STRICT, free text is compared
 * trimmed, inbox entries may be strings or objects, file lists are sets. Status and texts go
 * through the harness's shared verifier (harness/conformance/verify/status.ts); contents are compared
 * here, because the fuzzer holds the model's whole reply (every inbox key, every file) where
 * a scenario states only the part it is about.
 */
import {
  ANY_PEER,
  ERROR_TEXTS,
  deliveryRequirement,
  errorRequirement,
  listingRequirement,
  missVerdictOf,
  normalizeFreeText,
  orderRequirement,
  textMissVerdict,
  levelOf,
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
import type { Expect } from '../conformance/scenario/types.js';
import { gradingFor } from '../conformance/verify/check.js';
import { verifyStatus } from '../conformance/verify/status.js';

export interface Finding {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly requirement?: RequirementId;
}

export function finding(verdict: Verdict, reason: string, requirement?: RequirementId): Finding {
  return requirement === undefined ? { verdict, reason } : { verdict, reason, requirement };
}

/** A rule broken: the verdict is the requirement's level's, as in the conformance suite. */
export function miss(requirement: RequirementId, reason: string): Finding {
  return { verdict: missVerdictOf(requirement), reason, requirement };
}

/** A documented text said otherwise: NON-STRICT at most, as in the conformance suite. */
export function textMiss(requirement: RequirementId, reason: string): Finding {
  return { verdict: textMissVerdict(levelOf(requirement)), reason, requirement };
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

/** The error code whose documented text the model's ERROR reply carries. */
export function errorCodeOf(reply: Reply): ErrorCode | undefined {
  if (reply.status !== 'ERROR') return undefined;
  const entry = Object.entries(ERROR_TEXTS).find(([, text]) => text === reply.message);
  return entry?.[0] as ErrorCode | undefined;
}

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
  return verifyStatus(dialect, actual, expect, gradingFor(levelOf(requirement), false), undefined)
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

/** Multiset difference: items of `a` (by `key`) not matched in `b`. */
function minus<T>(a: readonly T[], b: readonly string[], key: (x: T) => string): T[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: T[] = [];
  for (const x of a) {
    const n = left.get(key(x)) ?? 0;
    if (n > 0) left.set(key(x), n - 1);
    else out.push(x);
  }
  return out;
}

const same = (x: string): string => x;

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

export interface InboxComparison {
  /** Group messages are listed under their senders (a dialect's `groupKey: sender`). */
  readonly groupsUnderSenders?: boolean;
  /** The reader's name as the model's entries give it (`msg_from`): its own group messages. */
  readonly readerName?: string;
}

export function compareInbox(
  expected: Readonly<Record<string, readonly InboxEntry[]>>,
  actual: ReadonlyMap<string, readonly InboxItem[]>,
  usernames: ReadonlySet<string>,
  { groupsUnderSenders = false, readerName }: InboxComparison = {},
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
    const lostEntries = minus(exp, got, (e) => normalizeFreeText(e.msg));
    const lost = lostEntries.map((e) => normalizeFreeText(e.msg));
    const extra = minus(got, want, same);
    if (lost.length === 0 && extra.length === 0) {
      if (!personal && groupsUnderSenders && inOrderPerSender(exp, act)) continue;
      findings.push(
        miss(
          orderRequirement(personal),
          `messages ${where} out of order: expected ${q(want)}, got ${q(got)}`,
        ),
      );
    } else if (extra.length === 0) {
      // Only the reader's own group messages missing: the sender's copy, a SHOULD.
      const ownCopies =
        !personal &&
        readerName !== undefined &&
        lostEntries.every((e) => e.msg_from === readerName);
      findings.push(
        miss(
          deliveryRequirement(personal, ownCopies),
          // One reason for every such read, so the notes count them as one finding.
          ownCopies
            ? "the sender's own group message is missing from its inbox"
            : `message(s) lost ${where}: ${q(lost)} missing from ${q(got)}`,
        ),
      );
    } else if (lost.length === 0) {
      findings.push(
        miss(
          'INBOX-2',
          `unexpected message(s) ${where}: ${q(extra)} (delivered twice, to the wrong user, or not emptied by an earlier read)`,
        ),
      );
    } else {
      findings.push(
        miss(
          deliveryRequirement(personal, false),
          `messages ${where}: expected ${q(want)}, got ${q(got)}`,
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
      return [miss('INBOX-4', 'inbox entries are plain strings, not {msg_from, msg_to, msg}')];
    }
    if (item.from !== want.msg_from || item.to !== want.msg_to) {
      return [
        miss(
          'INBOX-4',
          `entry ${where} names ${q({ msg_from: item.from, msg_to: item.to })} where ${q({ msg_from: want.msg_from, msg_to: want.msg_to })} is expected`,
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
  /** Whether the reader holds this file as the sender's own copy of what it sent. */
  isOwnCopy: (peer: string, filename: string) => boolean = () => false,
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
    const personal = usernames.has(peer) || flat;
    const own = flat ? [] : missing.filter((f) => isOwnCopy(peer, f));
    const received = missing.filter((f) => !own.includes(f));
    if (received.length > 0) {
      findings.push(
        miss(listingRequirement(personal, false), `my_file lacks ${q(received)} under ${q(peer)}`),
      );
    }
    if (own.length > 0) {
      findings.push(
        miss(
          listingRequirement(personal, true),
          personal
            ? "my_file does not list the sender's own copy of a file it sent, under the recipient's name"
            : "my_file does not list the sender's own copy of a group file, under the group id",
        ),
      );
    }
    if (extra.length > 0) {
      findings.push(
        miss('MYFILE-1', `my_file lists ${q(extra)} under ${q(peer)}, never received there`),
      );
    }
    if (!flat && gotList.length > got.size) {
      findings.push(
        miss('DOWNLOAD-5', `my_file lists a filename twice under ${q(peer)}: ${q(gotList)}`),
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
  if (!read.ok) return { findings: [miss('DOWNLOAD-1', `download reply: ${read.reason}`)] };
  const findings: Finding[] = [];
  if (read.value.filename !== expected.filename) {
    findings.push(
      miss('DOWNLOAD-1', `"filename" is ${q(read.value.filename)}, not ${q(expected.filename)}`),
    );
  }
  let learned: string | undefined;
  if (expected.data === unknownData) {
    learned = read.value.data;
  } else if (!sameBase64Bytes(read.value.data, expected.data)) {
    findings.push(
      miss(
        'DOWNLOAD-1',
        `data is ${describeData(read.value.data)}, not the ${describeData(expected.data)} last sent under this name`,
      ),
    );
  }
  if (read.value.text === undefined) {
    findings.push(textMiss('DOWNLOAD-1', 'no "messages" text'));
  } else if (!sameText(read.value.text, expected.messages)) {
    findings.push(
      textMiss(
        'DOWNLOAD-1',
        `"messages" is ${q(read.value.text)} where ${q(expected.messages)} is documented`,
      ),
    );
  }
  return learned === undefined ? { findings } : { findings, learned };
}
