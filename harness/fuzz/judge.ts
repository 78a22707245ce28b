/**
 * One step's verdict: the server's reply against the model's, and the model moved on by
 * what the server did. The model acts only when the server acted: a refusal the rules allow
 * (an odd spelling, a MAY, an unimplemented command) leaves it unchanged, and a successful
 * auth gives it the server's token.
 */
import {
  ANY_PEER,
  KNOWN_ALTERNATIVE_TEXTS,
  OK_REQUIREMENT,
  applyRequest,
  errorRequirement,
  listingRequirement,
  missVerdictOf,
  errorReply,
  isDocumentedErrorText,
  transition,
  type Dialect,
  type JsonObject,
  type MissingPart,
  type Reply,
  type Request,
  type RequirementId,
} from '../../specs/index.js';
import { describeOutcome, type ReadOutcome } from '../client/connection.js';
import { isUnknownCommandText, type ServerKnowledge } from '../learn/index.js';
import type { Verdict } from '../../results/run.js';
import {
  clip,
  compareDownload,
  compareErrorText,
  compareFileLists,
  compareInbox,
  compareOkText,
  errorCodeOf,
  finding,
  miss,
  worstFinding,
  type Finding,
} from './compare.js';
import { UNKNOWN_DATA, type FuzzModel } from './model.js';
import type { Resolved } from './resolve.js';

export interface JudgeContext {
  readonly dialect: Dialect;
  readonly timeoutMs: number;
  readonly usernames: ReadonlySet<string>;
  /** What the preflight learned: the server's own unknown-command reply among it. */
  readonly knowledge?: ServerKnowledge;
  /**
   * Inbox replies are read as their reader's: a dialect whose inbox reading does not empty
   * shows each reader only what is new to it. Only where replies are judged once, in the
   * order they came (not while an interleaving search judges one reply several ways).
   */
  readonly inboxReaders?: boolean;
}

/** Whether the dialect's download_file names no peer: one flat file store per user. */
function downloadNamesNoPeer(dialect: Dialect): boolean {
  const spelling = dialect.spec.commands.DOWNLOAD_FILE;
  return spelling !== 'unsupported' && !spelling.request.includes('{peer}');
}

/**
 * A server whose download_file names no peer finds a file by its name alone; so does the
 * model. The peer becomes one the user has a file of that name from: the one whose data the
 * server returned when several have one (which of them a flat store keeps is its own affair).
 */
function withDownloadPeer(
  model: FuzzModel,
  request: Request,
  json: JsonObject,
  ctx: JudgeContext,
): Request {
  if (request.command !== 'DOWNLOAD_FILE' || !downloadNamesNoPeer(ctx.dialect)) return request;
  const owner = model.state.sessions.get(request.session);
  const repo = owner === undefined ? undefined : model.state.repositories.get(owner);
  if (repo === undefined) return request;
  const from = [...repo].filter(([, files]) => files.has(request.filename));
  if (from.length === 0) return request;
  const read = ctx.dialect.readDownload(json);
  const data = read.ok ? read.value.data : undefined;
  const same = from.find(([, files]) => {
    const held = files.get(request.filename);
    return held === data || held === UNKNOWN_DATA;
  });
  const asked = from.find(([peer]) => peer === request.peer);
  return { ...request, peer: (same ?? asked ?? from[0]!)[0] };
}

export interface Judgement {
  readonly verdict: Verdict;
  /** Everything short of PASS that this reply showed, most severe first is `reason`. */
  readonly findings: readonly Finding[];
  readonly reason: string;
  readonly requirement?: RequirementId;
  /** The model's reply, as shown to a person. */
  readonly expected: string;
  /** The server's reply, or what happened instead. */
  readonly actual: string;
  /** The label of the session this step created (`login2`). */
  readonly login?: string;
  /** The model's reply itself (the scenario export states it as expectations). */
  readonly modelReply: Reply;
  /** Whether the model took the step's effect (false when the server refused or failed). */
  readonly acted: boolean;
}

const SHOW_REPLY_CHARS = 300;
/** A token the model uses only to predict a reply; never compared. */
const PREDICTED_TOKEN = '<new session id>';
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function showReply(reply: Reply): string {
  return clip(
    JSON.stringify(reply, (key, value: unknown) => {
      if (key === 'data' && typeof value === 'string') {
        if (value === UNKNOWN_DATA) return '<sent before this run: not known>';
        return value.length > 24 ? `<${value.length} chars of base64>` : value;
      }
      if (key === 'tokenid') return PREDICTED_TOKEN;
      return value;
    }),
    SHOW_REPLY_CHARS,
  );
}

/** The model's reply without changing the model. */
export function predict(model: FuzzModel, resolved: Resolved): Reply {
  if (resolved.expect.kind === 'error') return errorReply(resolved.expect.code);
  return transition(model.state, resolved.expect.request, { newToken: () => PREDICTED_TOKEN })
    .reply;
}

function judgement(
  findings: readonly Finding[],
  expected: Reply,
  actual: string,
  acted: boolean,
  login?: string,
): Judgement {
  const worst = worstFinding(findings);
  const base = {
    verdict: worst?.verdict ?? 'PASS',
    findings,
    reason: worst?.reason ?? 'as the model',
    expected: showReply(expected),
    actual,
    modelReply: expected,
    acted,
  } satisfies Partial<Judgement>;
  return {
    ...base,
    ...(worst?.requirement !== undefined ? { requirement: worst.requirement } : {}),
    ...(login !== undefined ? { login } : {}),
  };
}

/**
 * Judges one reply and moves the model on. `model` is changed in place: callers that need
 * the state before (the interleaving search) pass a clone.
 */
export function judge(
  model: FuzzModel,
  resolved: Resolved,
  outcome: ReadOutcome,
  ctx: JudgeContext,
): Judgement {
  if (outcome.kind !== 'reply' || outcome.json === undefined) {
    const expected = predict(model, resolved);
    const what = describeOutcome(outcome, ctx.timeoutMs);
    const actual = outcome.kind === 'reply' ? clip(outcome.text, SHOW_REPLY_CHARS) : what;
    const requirement = outcome.kind === 'reply' ? 'FRAME-2' : 'FRAME-1';
    return judgement([finding('ERROR', what, requirement)], expected, actual, false);
  }
  const json = outcome.json;
  const actual = clip(outcome.text, SHOW_REPLY_CHARS);
  const status = ctx.dialect.readStatus(json);
  if (!status.ok) {
    return judgement([miss('FRAME-2', status.reason)], predict(model, resolved), actual, false);
  }
  return status.value === 'ERROR'
    ? judgeError(model, resolved, json, actual, ctx)
    : judgeOk(model, resolved, json, actual, ctx);
}

/** The command word of a line as a server splits it. */
function unknownWord(resolved: Resolved): string {
  return resolved.wire.split(/[ \t]/, 1)[0] ?? '';
}

function judgeError(
  model: FuzzModel,
  resolved: Resolved,
  json: JsonObject,
  actual: string,
  ctx: JudgeContext,
): Judgement {
  const predicted = predict(model, resolved);
  const expected = predicted;
  const text = ctx.dialect.readErrorText(json);
  const command = resolved.command;
  const predictedCode = errorCodeOf(predicted);
  if (
    text.ok &&
    resolved.expect.kind === 'request' &&
    predictedCode !== 'UNKNOWN_COMMAND' &&
    isUnknownCommandText(ctx.knowledge, text.value, unknownWord(resolved))
  ) {
    const word = unknownWord(resolved);
    // A spelling that changes the command word as a server splits it (upper case, a tab
    // after it) is that spelling refused; otherwise the command itself is missing.
    const form = resolved.step.form;
    const tolerance = form === 'upper' || form === 'tabs' ? resolved.formTolerance : undefined;
    const f =
      tolerance === undefined
        ? finding(
            'UNIMPLEMENTED',
            `${JSON.stringify(word)} is answered as an unknown command`,
            command && OK_REQUIREMENT[command],
          )
        : finding(
            tolerance.verdict,
            `refused ${tolerance.why} (answered as an unknown command)`,
            tolerance.requirement,
          );
    return judgement([f], expected, actual, false);
  }
  if (predicted.status === 'ERROR') {
    const texts =
      predictedCode === undefined
        ? []
        : compareErrorText(predictedCode, command, json, ctx.dialect);
    // Another text for a line in an odd spelling (runs of spaces, a tab) is that spelling read
    // otherwise (an empty param where the spaces were), not the error's own text.
    const splitsOtherwise = resolved.step.form === 'spaces' || resolved.step.form === 'tabs';
    const tolerance = splitsOtherwise ? resolved.formTolerance : undefined;
    return judgement(
      texts.length > 0 && tolerance !== undefined
        ? [
            finding(
              tolerance.verdict,
              `answered ${tolerance.why} with another error${text.ok ? ` (${JSON.stringify(text.value)})` : ''}`,
              tolerance.requirement,
            ),
          ]
        : texts,
      expected,
      actual,
      false,
    );
  }
  // The model would act; the server refused.
  const said = text.ok ? ` ${JSON.stringify(text.value)}` : '';
  // An odd spelling explains a refusal before anything else does.
  const ended =
    resolved.formTolerance === undefined
      ? endedSession(model, resolved, text.ok ? text.value : '')
      : undefined;
  if (ended !== undefined) {
    return judgement(
      [
        miss(
          'AUTH-6',
          `refused the earlier session of ${ended}, who has logged in again since (ERROR${said})`,
        ),
      ],
      expected,
      actual,
      false,
    );
  }
  const tolerance = refusalTolerance(model, resolved);
  if (tolerance !== undefined) {
    return judgement(
      [
        finding(
          tolerance.verdict,
          `refused ${tolerance.why} (ERROR${said})`,
          tolerance.requirement,
        ),
      ],
      expected,
      actual,
      false,
    );
  }
  return judgement(
    [
      command === undefined
        ? finding('FAIL', `answered ERROR${said} where the model answers OK`)
        : miss(OK_REQUIREMENT[command], `answered ERROR${said} where the model answers OK`),
    ],
    expected,
    actual,
    false,
  );
}

/**
 * AUTH-6 (a SHOULD): a server may end a user's earlier sessions at a new login. When it
 * refuses a session as unknown and that session's user has logged in since, the model
 * learns it: the user's older sessions are forgotten, and their later use must be refused.
 * Returns the user's name when that is what happened.
 */
function endedSession(model: FuzzModel, resolved: Resolved, text: string): string | undefined {
  if (resolved.expect.kind !== 'request' || resolved.expect.request.command === 'AUTH')
    return undefined;
  const looksUnknown =
    isDocumentedErrorText('UNKNOWN_SESSION', text) ||
    (KNOWN_ALTERNATIVE_TEXTS.UNKNOWN_SESSION ?? []).some(
      (t) => t.toLowerCase() === text.trim().toLowerCase(),
    );
  if (!looksUnknown) return undefined;
  const token = resolved.expect.request.session;
  const user = model.state.sessions.get(token);
  if (user === undefined) return undefined;
  const tokens = [...model.state.sessions].filter(([, u]) => u === user).map(([t]) => t);
  const latest = tokens.at(-1);
  if (latest === undefined || latest === token) return undefined;
  for (const older of tokens.slice(0, -1)) model.state.sessions.delete(older);
  return user;
}

function tolerated(requirement: RequirementId, why: string): Tolerance {
  return { verdict: missVerdictOf(requirement), why, requirement };
}

type Tolerance = { verdict: Verdict; why: string; requirement?: RequirementId };

/** Whether the rules allow refusing this request although the model accepts it. */
function refusalTolerance(model: FuzzModel, resolved: Resolved): Tolerance | undefined {
  if (resolved.formTolerance !== undefined) return resolved.formTolerance;
  if (resolved.expect.kind !== 'request') return undefined;
  const request = resolved.expect.request;
  if (
    (request.command === 'SEND_FILE' || request.command === 'SEND_GROUP_FILE') &&
    request.data === ''
  ) {
    return tolerated('SENDFILE-5', 'a 0-byte file (no data param)');
  }
  if (request.command === 'DOWNLOAD_FILE') {
    // The sender's own copy (a SHOULD) refused: the server keeps none, and the model learns so.
    const owner = model.state.sessions.get(request.session);
    if (owner !== undefined && model.isOwnCopy(owner, request.peer, request.filename)) {
      model.dropOwnCopy(owner, request.peer, request.filename);
      const personal = model.state.users.has(request.peer);
      return tolerated(listingRequirement(personal, true), "a download of the sender's own copy");
    }
  }
  if (request.command === 'SEND_GROUP' || request.command === 'SEND_GROUP_FILE') {
    const sender = model.state.sessions.get(request.session);
    const group = model.state.groups.get(request.group);
    if (sender !== undefined && group !== undefined && !group.members.includes(sender)) {
      return tolerated('GROUP-5', 'a group send by a non-member');
    }
  }
  return undefined;
}

/** The server answered OK where the model, in the same state, answers ERROR. */
function okWhereModelRefuses(
  reply: Reply & { readonly status: 'ERROR' },
  command: Request['command'],
  actual: string,
): Judgement {
  const code = errorCodeOf(reply);
  const reason = `answered OK where the model answers ERROR ${JSON.stringify(reply.message)}`;
  return judgement(
    [code === undefined ? finding('FAIL', reason) : miss(errorRequirement(command, code), reason)],
    reply,
    actual,
    false,
  );
}

const ACCEPTED_SHORT: Readonly<Record<MissingPart, string>> = {
  text: 'accepted a message without text (an empty message) where "--Protocol Tidak Benar" was due',
  'empty-filename':
    'accepted a file command without a filename (the empty word before the line end taken as the name) where "--Protocol Tidak Benar" was due',
  param: 'accepted a request without all its params where "--Protocol Tidak Benar" was due',
};

/**
 * A line short of only what a server may read as present answered OK: a send without text
 * (the course template stores an empty message), a file command whose filename is the empty
 * word before the line end (the template stores a file named ""). The document never forbids
 * these in words, so the miss is the level of its own requirement (SEND-6, GROUP-8, PROTO-5),
 * as in the conformance suite, and the model takes the request the server took.
 */
function judgeShortAccepted(
  model: FuzzModel,
  resolved: Resolved,
  missing: MissingPart,
  request: Request,
  json: JsonObject,
  actual: string,
  ctx: JudgeContext,
): Judgement {
  const requirement = errorRequirement(resolved.command, 'MISSING_PARAMS', missing);
  const taken = judgeOk(
    model,
    { ...resolved, expect: { kind: 'request', request } },
    json,
    actual,
    ctx,
  );
  // What the model still refuses without the part (an unknown session, user or group) is not
  // tolerated.
  if (!taken.acted) return taken;
  return judgement(
    [miss(requirement, ACCEPTED_SHORT[missing]), ...taken.findings],
    taken.modelReply,
    actual,
    true,
    taken.login,
  );
}

function judgeOk(
  model: FuzzModel,
  resolved: Resolved,
  json: JsonObject,
  actual: string,
  ctx: JudgeContext,
): Judgement {
  const expect = resolved.expect;
  if (expect.kind === 'error' && expect.acceptedAs !== undefined) {
    const missing = expect.missing ?? 'param';
    return judgeShortAccepted(model, resolved, missing, expect.acceptedAs, json, actual, ctx);
  }
  if (expect.kind === 'error') {
    const code = expect.code;
    const expected = errorReply(code);
    return judgement(
      [
        miss(
          errorRequirement(resolved.command, code, expect.missing),
          `answered OK to a request the model refuses (${code})`,
        ),
      ],
      expected,
      actual,
      false,
    );
  }
  const request = withDownloadPeer(model, expect.request, json, ctx);
  const findings: Finding[] = [];
  let token = PREDICTED_TOKEN;
  if (request.command === 'AUTH') {
    const read = ctx.dialect.readToken(json);
    if (!read.ok) {
      return judgement([miss('AUTH-1', read.reason)], predict(model, resolved), actual, false);
    }
    token = read.value;
    if (/\s/.test(token))
      findings.push(miss('AUTH-1', 'the token contains whitespace: it cannot travel as one param'));
    if (model.state.sessions.has(token)) {
      const owner = model.labelOf(token) ?? model.state.sessions.get(token);
      findings.push(miss('AUTH-4', `the token is the one already issued to session $${owner}`));
    }
    if (!UUID4.test(token))
      findings.push(miss('AUTH-5', 'the token is not a random UUID (version 4)'));
  }
  const reply = applyRequest(model.state, request, { newToken: () => token });
  const expected = reply;
  if (reply.status === 'ERROR') {
    const unlisted = unlistedGroupFile(model, request, reply, json, ctx);
    if (unlisted !== undefined) return judgement([unlisted], reply, actual, true);
    return okWhereModelRefuses(reply, request.command, actual);
  }
  let login: string | undefined;
  switch (request.command) {
    case 'AUTH':
      login = model.recordLogin(token);
      break;
    case 'SEND':
    case 'SEND_GROUP':
      findings.push(
        ...compareOkText('MESSAGE_SENT', json, ctx.dialect, OK_REQUIREMENT[request.command]),
      );
      break;
    case 'SEND_FILE':
    case 'SEND_GROUP_FILE':
      findings.push(
        ...compareOkText('FILE_SENT', json, ctx.dialect, OK_REQUIREMENT[request.command]),
      );
      recordFileSent(model, request);
      break;
    case 'INBOX': {
      const reader = ctx.inboxReaders ? model.state.sessions.get(request.session) : undefined;
      const read = ctx.dialect.readInbox(json, reader);
      if (!read.ok) findings.push(miss('INBOX-3', read.reason));
      else if ('messages' in reply && typeof reply.messages === 'object') {
        findings.push(
          ...compareInbox(
            reply.messages as Parameters<typeof compareInbox>[0],
            read.value,
            ctx.usernames,
            {
              groupsUnderSenders: ctx.dialect.spec.replies.inbox.groupKey === 'sender',
              readerName: readerName(model, request.session),
            },
          ),
        );
      }
      break;
    }
    case 'MY_FILE': {
      const read = ctx.dialect.readFileList(json);
      if (!read.ok) findings.push(miss('MYFILE-1', read.reason));
      else if ('messages' in reply && typeof reply.messages === 'object') {
        const owner = model.state.sessions.get(request.session);
        const isOwn = (peer: string, filename: string): boolean =>
          owner !== undefined && model.isOwnCopy(owner, peer, filename);
        findings.push(
          ...compareFileLists(
            reply.messages as Parameters<typeof compareFileLists>[0],
            read.value,
            ctx.usernames,
            isOwn,
          ),
        );
        if (owner !== undefined) forgetUnlistedOwnCopies(model, owner, read.value);
      }
      break;
    }
    case 'DOWNLOAD_FILE': {
      if (!('data' in reply)) break;
      const result = compareDownload(reply, json, ctx.dialect, UNKNOWN_DATA);
      findings.push(...result.findings);
      const owner = model.state.sessions.get(request.session);
      if (result.learned !== undefined && owner !== undefined) {
        model.adoptFileData(owner, request.peer, request.filename, result.learned);
      }
      break;
    }
  }
  return judgement(findings, expected, actual, true, login);
}

/** The reader's name as the model's inbox entries give it (`msg_from`). */
function readerName(model: FuzzModel, session: string): string | undefined {
  const user = model.state.sessions.get(session);
  return user === undefined ? undefined : (model.state.users.get(user)?.name ?? user);
}

/** Which copies of a file just stored are the sender's own and which were received. */
function recordFileSent(
  model: FuzzModel,
  request: Request & { readonly command: 'SEND_FILE' | 'SEND_GROUP_FILE' },
): void {
  const sender = model.state.sessions.get(request.session);
  if (sender === undefined) return;
  if (request.command === 'SEND_FILE') {
    const own: Array<[string, string]> = sender === request.to ? [] : [[sender, request.to]];
    model.recordFileSent(request.filename, own, [[request.to, sender]]);
    return;
  }
  const members = model.state.groups.get(request.group)?.members ?? [];
  const own: Array<[string, string]> = members.includes(sender) ? [[sender, request.group]] : [];
  const received = members
    .filter((m) => m !== sender)
    .map((m): [string, string] => [m, request.group]);
  model.recordFileSent(request.filename, own, received);
}

/**
 * Own copies a my_file did not list (a SHOULD missed, reported by the comparison): the model
 * forgets them, so the server is not held to them again.
 */
function forgetUnlistedOwnCopies(
  model: FuzzModel,
  owner: string,
  listed: ReadonlyMap<string, readonly string[]>,
): void {
  const repo = model.state.repositories.get(owner);
  if (repo === undefined || (listed.size === 1 && listed.has(ANY_PEER))) return;
  for (const [peer, files] of [...repo]) {
    const names = listed.get(peer) ?? [];
    for (const filename of [...files.keys()]) {
      if (!names.includes(filename)) model.dropOwnCopy(owner, peer, filename);
    }
  }
}

/**
 * A group file downloaded although the model, which learned the user's files from my_file at
 * the start of the case, does not know it: the server holds it and my_file did not list it
 * (GROUPFILE-2), which is the fault to name, not the download. The model adopts the file.
 */
function unlistedGroupFile(
  model: FuzzModel,
  request: Request,
  reply: Reply,
  json: JsonObject,
  ctx: JudgeContext,
): Finding | undefined {
  if (request.command !== 'DOWNLOAD_FILE' || errorCodeOf(reply) !== 'FILE_NOT_FOUND')
    return undefined;
  const owner = model.state.sessions.get(request.session);
  const group = model.state.groups.get(request.peer);
  if (owner === undefined || group === undefined || !group.members.includes(owner))
    return undefined;
  const read = ctx.dialect.readDownload(json);
  if (!read.ok || read.value.filename !== request.filename) return undefined;
  model.learnFile(owner, request.peer, request.filename);
  model.adoptFileData(owner, request.peer, request.filename, read.value.data);
  return miss(
    listingRequirement(false, false),
    'a group file that my_file did not list downloads (the listing left it out)',
  );
}
