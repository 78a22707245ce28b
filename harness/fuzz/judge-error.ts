/** Judging an ERROR reply: the refusal the model expects, or one the rules allow. */
import {
  KNOWN_ALTERNATIVE_TEXTS,
  OK_REQUIREMENT,
  listingRequirement,
  isDocumentedErrorText,
} from '../../specs/index.js';
import { isUnknownCommandText } from '../learn/index.js';
import { compareErrorText, errorCodeOf, finding, miss } from './compare.js';
import type { FuzzModel } from './model.js';
import type { Resolved } from './resolve.js';
import { judgement, predict, tolerated, type ReplyJudge, type Tolerance } from './judgement.js';

/** The command word of a line as a server splits it. */
export function unknownWord(resolved: Resolved): string {
  return resolved.wire.split(/[ \t]/, 1)[0] ?? '';
}

export const judgeError: ReplyJudge = (model, resolved, json, actual, ctx) => {
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
};

/**
 * AUTH-6 (a SHOULD): a server may end a user's earlier sessions at a new login. When it
 * refuses a session as unknown and that session's user has logged in since, the model
 * learns it: the user's older sessions are forgotten, and their later use must be refused.
 * Returns the user's name when that is what happened.
 */
export function endedSession(
  model: FuzzModel,
  resolved: Resolved,
  text: string,
): string | undefined {
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
export function refusalTolerance(model: FuzzModel, resolved: Resolved): Tolerance | undefined {
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
