/**
 * One step's verdict: the server's reply against the model's, and the model moved on by
 * what the server did. The model acts only when the server acted: a refusal the rules allow
 * (an odd spelling, a MAY, an unimplemented command) leaves it unchanged, and a successful
 * auth gives it the server's token.
 */
import {
  KNOWN_ALTERNATIVE_TEXTS,
  applyRequest,
  errorReply,
  isDocumentedErrorText,
  transition,
  type Dialect,
  type JsonObject,
  type Reply,
  type Request,
  type RequirementId,
} from '../../specs/index.js';
import { describeOutcome, type ReadOutcome } from '../client/connection.js';
import { isUnknownCommandText, type ServerKnowledge } from '../learn/index.js';
import type { Verdict } from '../../results/run.js';
import {
  OK_REQUIREMENT,
  clip,
  compareDownload,
  compareErrorText,
  compareFileLists,
  compareInbox,
  compareOkText,
  errorCodeOf,
  errorRequirement,
  finding,
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
    return judgement(
      [finding('FAIL', status.reason, 'FRAME-2')],
      predict(model, resolved),
      actual,
      false,
    );
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
    return judgement(
      predictedCode === undefined
        ? []
        : compareErrorText(predictedCode, command, json, ctx.dialect),
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
        finding(
          'NON-STRICT',
          `refused the earlier session of ${ended}, who has logged in again since (ERROR${said})`,
          'AUTH-6',
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
      finding(
        'FAIL',
        `answered ERROR${said} where the model answers OK`,
        command && OK_REQUIREMENT[command],
      ),
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

/** Whether the rules allow refusing this request although the model accepts it. */
function refusalTolerance(
  model: FuzzModel,
  resolved: Resolved,
): { verdict: Verdict; why: string; requirement?: RequirementId } | undefined {
  if (resolved.formTolerance !== undefined) return resolved.formTolerance;
  if (resolved.expect.kind !== 'request') return undefined;
  const request = resolved.expect.request;
  if (
    (request.command === 'SEND_FILE' || request.command === 'SEND_GROUP_FILE') &&
    request.data === ''
  ) {
    return {
      verdict: 'NON-STRICT',
      why: 'a 0-byte file (no data param)',
      requirement: 'SENDFILE-5',
    };
  }
  if (request.command === 'SEND_GROUP' || request.command === 'SEND_GROUP_FILE') {
    const sender = model.state.sessions.get(request.session);
    const group = model.state.groups.get(request.group);
    if (sender !== undefined && group !== undefined && !group.members.includes(sender)) {
      return {
        verdict: 'INFORMATIONAL',
        why: 'a group send by a non-member',
        requirement: 'GROUP-5',
      };
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
  return judgement(
    [
      finding(
        'FAIL',
        `answered OK where the model answers ERROR ${JSON.stringify(reply.message)}`,
        code === undefined ? undefined : errorRequirement(command, code),
      ),
    ],
    reply,
    actual,
    false,
  );
}

/**
 * A send or send_group without text answered OK: the course template does this (an empty
 * message), and the document never forbids it in words, so it is NON-STRICT, as in the
 * conformance suite, and the model delivers the empty message the server stored.
 */
function judgeEmptyMessage(
  model: FuzzModel,
  resolved: Resolved,
  request: Request,
  json: JsonObject,
  actual: string,
  ctx: JudgeContext,
): Judgement {
  const accepted = finding(
    'NON-STRICT',
    'accepted a message without text (an empty message) where "--Protocol Tidak Benar" was due',
    errorRequirement(request.command, 'MISSING_PARAMS'),
  );
  const reply = applyRequest(model.state, request, { newToken: () => PREDICTED_TOKEN });
  // Without text the model still refuses (unknown session, user or group): not tolerated.
  if (reply.status === 'ERROR') return okWhereModelRefuses(reply, request.command, actual);
  const sent = compareOkText('MESSAGE_SENT', json, ctx.dialect, OK_REQUIREMENT[request.command]);
  return judgement([accepted, ...sent], reply, actual, true);
}

function judgeOk(
  model: FuzzModel,
  resolved: Resolved,
  json: JsonObject,
  actual: string,
  ctx: JudgeContext,
): Judgement {
  if (resolved.expect.kind === 'error' && resolved.expect.acceptedAs !== undefined) {
    return judgeEmptyMessage(model, resolved, resolved.expect.acceptedAs, json, actual, ctx);
  }
  if (resolved.expect.kind === 'error') {
    const code = resolved.expect.code;
    const expected = errorReply(code);
    return judgement(
      [
        finding(
          'FAIL',
          `answered OK to a request the model refuses (${code})`,
          errorRequirement(resolved.command, code),
        ),
      ],
      expected,
      actual,
      false,
    );
  }
  const request = withDownloadPeer(model, resolved.expect.request, json, ctx);
  const findings: Finding[] = [];
  let token = PREDICTED_TOKEN;
  if (request.command === 'AUTH') {
    const read = ctx.dialect.readToken(json);
    if (!read.ok) {
      return judgement(
        [finding('FAIL', read.reason, 'AUTH-1')],
        predict(model, resolved),
        actual,
        false,
      );
    }
    token = read.value;
    if (/\s/.test(token))
      findings.push(
        finding('FAIL', 'the token contains whitespace: it cannot travel as one param', 'AUTH-1'),
      );
    if (model.state.sessions.has(token)) {
      const owner = model.labelOf(token) ?? model.state.sessions.get(token);
      findings.push(
        finding('FAIL', `the token is the one already issued to session $${owner}`, 'AUTH-4'),
      );
    }
    if (!UUID4.test(token))
      findings.push(finding('NON-STRICT', 'the token is not a random UUID (version 4)', 'AUTH-5'));
  }
  const reply = applyRequest(model.state, request, { newToken: () => token });
  const expected = reply;
  if (reply.status === 'ERROR') return okWhereModelRefuses(reply, request.command, actual);
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
      break;
    case 'INBOX': {
      const reader = ctx.inboxReaders ? model.state.sessions.get(request.session) : undefined;
      const read = ctx.dialect.readInbox(json, reader);
      if (!read.ok) findings.push(finding('FAIL', read.reason, 'INBOX-3'));
      else if ('messages' in reply && typeof reply.messages === 'object') {
        findings.push(
          ...compareInbox(
            reply.messages as Parameters<typeof compareInbox>[0],
            read.value,
            ctx.usernames,
            ctx.dialect.spec.replies.inbox.groupKey === 'sender',
          ),
        );
      }
      break;
    }
    case 'MY_FILE': {
      const read = ctx.dialect.readFileList(json);
      if (!read.ok) findings.push(finding('FAIL', read.reason, 'MYFILE-1'));
      else if ('messages' in reply && typeof reply.messages === 'object') {
        findings.push(
          ...compareFileLists(
            reply.messages as Parameters<typeof compareFileLists>[0],
            read.value,
            ctx.usernames,
          ),
        );
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
