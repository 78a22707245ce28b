/** Judging an OK reply: its fields against the model's, and the model moved on by what the server did. */
import {
  ANY_PEER,
  OK_REQUIREMENT,
  applyRequest,
  errorRequirement,
  listingRequirement,
  errorReply,
  sameBase64Bytes,
  type Dialect,
  type JsonObject,
  type MissingPart,
  type Reply,
  type Request,
} from '../../specs/index.js';
import {
  compareOkText,
  compareDownload,
  compareFileLists,
  compareInbox,
  errorCodeOf,
  finding,
  miss,
  type Finding,
} from './compare.js';
import { UNKNOWN_DATA, type FuzzModel } from './model.js';
import type { Resolved } from './resolve.js';
import {
  PREDICTED_TOKEN,
  UUID4,
  judgement,
  predict,
  type JudgeContext,
  type ReplyJudge,
  type Judgement,
} from './judgement.js';

/** Whether the dialect's download_file names no peer: one flat file store per user. */
export function downloadNamesNoPeer(dialect: Dialect): boolean {
  const spelling = dialect.spec.commands.DOWNLOAD_FILE;
  return spelling !== 'unsupported' && !spelling.request.includes('{peer}');
}

/**
 * A server whose download_file names no peer finds a file by its name alone; so does the
 * model. The peer becomes one the user has a file of that name from: the one whose data the
 * server returned when several have one (which of them a flat store keeps is its own affair).
 */
export function withDownloadPeer(
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

/** The server answered OK where the model, in the same state, answers ERROR. */
export function okWhereModelRefuses(
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

export const ACCEPTED_SHORT: Readonly<Record<MissingPart, string>> = {
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
export function judgeShortAccepted(
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

export const judgeOk: ReplyJudge = (model, resolved, json, actual, ctx) => {
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
      const noOwnCopy = receivedNotOwnCopy(model, request, json, ctx);
      if (noOwnCopy !== undefined) {
        findings.push(noOwnCopy);
        break;
      }
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
};

/**
 * A download of the sender's own copy that gave the file received earlier under the same name
 * (and from the same peer), or the file held there before the case when its content was never
 * seen: the server keeps no sender's copy, the SHOULD it may miss, and the earlier file is what
 * it rightly holds. That is the own-copy miss, once, and not a MUST
 * broken by the download; the model learns that the received file is what is held.
 */
function receivedNotOwnCopy(
  model: FuzzModel,
  request: Request & { readonly command: 'DOWNLOAD_FILE' },
  json: JsonObject,
  ctx: JudgeContext,
): Finding | undefined {
  const owner = model.state.sessions.get(request.session);
  if (owner === undefined) return undefined;
  const received = model.receivedBeforeOwnCopy(owner, request.peer, request.filename);
  if (received === undefined) return undefined;
  const read = ctx.dialect.readDownload(json);
  const own = model.state.repositories.get(owner)?.get(request.peer)?.get(request.filename);
  if (!read.ok || own === undefined) return undefined;
  if (sameBase64Bytes(read.value.data, own)) return undefined;
  // A file the server held before the case, known by name only, may hold anything.
  if (received !== UNKNOWN_DATA && !sameBase64Bytes(read.value.data, received)) return undefined;
  model.dropOwnCopy(owner, request.peer, request.filename);
  model.adoptFileData(owner, request.peer, request.filename, read.value.data);
  const personal = model.state.users.has(request.peer);
  return miss(
    listingRequirement(personal, true),
    "a download of the sender's own copy gave the file received earlier under that name (the server keeps no sender's copy)",
  );
}

/** The reader's name as the model's inbox entries give it (`msg_from`). */
export function readerName(model: FuzzModel, session: string): string | undefined {
  const user = model.state.sessions.get(session);
  return user === undefined ? undefined : (model.state.users.get(user)?.name ?? user);
}

/** Which copies of a file just stored are the sender's own and which were received. */
export function recordFileSent(
  model: FuzzModel,
  request: Request & { readonly command: 'SEND_FILE' | 'SEND_GROUP_FILE' },
): void {
  const sender = model.state.sessions.get(request.session);
  if (sender === undefined) return;
  if (request.command === 'SEND_FILE') {
    const own: Array<[string, string]> = sender === request.to ? [] : [[sender, request.to]];
    model.recordFileSent(request.filename, request.data, own, [[request.to, sender]]);
    return;
  }
  const members = model.state.groups.get(request.group)?.members ?? [];
  const own: Array<[string, string]> = members.includes(sender) ? [[sender, request.group]] : [];
  const received = members
    .filter((m) => m !== sender)
    .map((m): [string, string] => [m, request.group]);
  model.recordFileSent(request.filename, request.data, own, received);
}

/**
 * Own copies a my_file did not list (a SHOULD missed, reported by the comparison): the model
 * forgets them, so the server is not held to them again.
 */
export function forgetUnlistedOwnCopies(
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
export function unlistedGroupFile(
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
