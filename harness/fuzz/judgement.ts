/** What a judged step gives back, and the pieces every judge of a reply shares. */
import {
  missVerdictOf,
  errorReply,
  transition,
  type Dialect,
  type JsonObject,
  type Reply,
  type RequirementId,
} from '../../specs/index.js';
import type { ServerKnowledge } from '../learn/index.js';
import type { Verdict } from '../../results/run.js';
import { clip, worstFinding, type Finding } from './compare.js';
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

/** Judges a reply read as JSON, by its status: one for ERROR, one for OK. */
export type ReplyJudge = (
  model: FuzzModel,
  resolved: Resolved,
  json: JsonObject,
  actual: string,
  ctx: JudgeContext,
) => Judgement;

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

export const SHOW_REPLY_CHARS = 300;
/** A token the model uses only to predict a reply; never compared. */
export const PREDICTED_TOKEN = '<new session id>';
export const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

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

export function judgement(
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

export function tolerated(requirement: RequirementId, why: string): Tolerance {
  return { verdict: missVerdictOf(requirement), why, requirement };
}

export type Tolerance = { verdict: Verdict; why: string; requirement?: RequirementId };
