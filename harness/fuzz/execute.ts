/**
 * Running one step on the wire and judging it, shared by the sequential mode and the
 * parallel prefix; and the record a person reads afterwards.
 */
import type { ReadOutcome } from '../client/connection.js';
import type { Campaign } from './campaign.js';
import { isFailing } from './compare.js';
import { judge, type Judgement } from './judge.js';
import type { FuzzModel } from './model.js';
import { resolveStep, type Resolved } from './resolve.js';
import type { StepRecord } from '../../results/fuzz.js';
import type { Step } from './steps.js';

export interface ExecutedStep {
  readonly resolved: Resolved;
  readonly outcome: ReadOutcome;
  readonly judgement: Judgement;
  readonly connection: string;
}

/** Sends one step on its connection and reads the reply; a connection that missed is dropped. */
export async function sendStep(
  campaign: Campaign,
  resolved: Resolved,
  connection: number,
): Promise<ReadOutcome> {
  const outcome = await campaign.pool
    .at(connection)
    .request(resolved.wire, campaign.options.timeoutMs);
  campaign.counters.commands++;
  campaign.counters.requests++;
  if (outcome.kind !== 'reply') campaign.pool.discard(connection);
  return outcome;
}

export async function runStep(
  campaign: Campaign,
  step: Step,
  model: FuzzModel,
): Promise<ExecutedStep> {
  const resolved = resolveStep(step, model, campaign.world, campaign.dialect);
  const outcome = await sendStep(campaign, resolved, step.conn);
  const judgement = judge(model, resolved, outcome, campaign.judgeContext);
  if (!campaign.shrinking && !isFailing(judgement.verdict, campaign.options.strict)) {
    for (const f of judgement.findings) campaign.notes.add(f, resolved.display, judgement.actual);
  }
  return { resolved, outcome, judgement, connection: campaign.pool.nameOf(step.conn) };
}

export function toRecord(index: number, executed: ExecutedStep): StepRecord {
  const j = executed.judgement;
  return {
    index,
    connection: executed.connection,
    request: executed.resolved.display,
    expected: j.expected,
    actual: j.actual,
    verdict: j.verdict,
    reason: j.reason,
    ...(j.requirement !== undefined ? { requirement: j.requirement } : {}),
    ...(j.login !== undefined ? { login: j.login } : {}),
  };
}
