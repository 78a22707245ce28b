/**
 * One step's verdict: the server's reply against the model's, and the model moved on by
 * what the server did. The model acts only when the server acted: a refusal the rules allow
 * (an odd spelling, a MAY, an unimplemented command) leaves it unchanged, and a successful
 * auth gives it the server's token.
 */
import { describeOutcome, type ReadOutcome } from '../client/connection.js';
import { clip, finding, miss } from './compare.js';
import type { FuzzModel } from './model.js';
import type { Resolved } from './resolve.js';
import {
  SHOW_REPLY_CHARS,
  judgement,
  predict,
  type JudgeContext,
  type Judgement,
} from './judgement.js';
import { judgeError } from './judge-error.js';
import { judgeOk } from './judge-ok.js';

export { predict, showReply, type JudgeContext, type Judgement } from './judgement.js';

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
