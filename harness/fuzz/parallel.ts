/**
 * Parallel fuzzing, after Erlang QuickCheck's parallel state machines: a sequential prefix,
 * then two or three branches sent at the same moment on their own connections, then a read
 * of every inbox and file list. The case passes when some interleaving of the branches
 * explains every reply in the model (linearize.ts); a lost message under concurrent sends, or
 * one message handed to two concurrent inbox reads, has none.
 */
import fc from 'fast-check';
import { PARALLEL_MIX, stepArbitrary } from './arbitraries.js';
import type { Campaign } from './campaign.js';
import { CaseFailure } from './case-failure.js';
import { isFailing } from './compare.js';
import { runStep, sendStep, toRecord, type ExecutedStep } from './execute.js';
import { judge, type Judgement } from './judge.js';
import { linearize, type Explained, type HistoryOp } from './linearize.js';
import type { FuzzModel, SessionView } from './model.js';
import { resolveStep } from './resolve.js';
import type { ParallelFailureDetail, StepRecord } from '../../results/fuzz.js';
import { setupCase } from './sequential.js';
import type { Step } from './steps.js';

export interface ParallelCase {
  readonly prefix: readonly Step[];
  readonly branches: readonly (readonly Step[])[];
}

/** Operations judged per history before the search gives up (counted as inconclusive). */
export const MAX_SEARCH_NODES = 20_000;
/** Longest branch: the interleavings of three branches of n grow as (3n)!/(n!)^3. */
export const MAX_BRANCH_COMMANDS = 4;

export function branchShape(
  maxCommands: number,
  branches: number,
): { prefix: number; branch: number } {
  // A third for the prefix (the state the branches meet on), the rest split between them.
  const prefix = Math.floor(maxCommands / 3);
  const branch = Math.max(
    1,
    Math.min(MAX_BRANCH_COMMANDS, Math.floor((maxCommands - prefix) / branches)),
  );
  return { prefix, branch };
}

/** A branch's own view of sessions: the prefix's, plus the logins the branch made itself. */
class BranchView implements SessionView {
  readonly #base: FuzzModel;
  readonly #branch: number;
  readonly #logins: string[];
  readonly #labels = new Map<string, string>();

  constructor(base: FuzzModel, branch: number) {
    this.#base = base;
    this.#branch = branch;
    this.#logins = [...base.logins];
  }

  get logins(): readonly string[] {
    return this.#logins;
  }

  tokenOfUser(username: string): string | undefined {
    return this.#base.tokenOfUser(username);
  }

  labelOf(token: string): string | undefined {
    return this.#labels.get(token) ?? this.#base.labelOf(token);
  }

  addLogin(token: string): void {
    this.#logins.push(token);
    this.#labels.set(
      token,
      `b${this.#branch + 1}_login${this.#logins.length - this.#base.logins.length}`,
    );
  }
}

async function runBranch(
  campaign: Campaign,
  branch: number,
  steps: readonly Step[],
  view: BranchView,
): Promise<HistoryOp[]> {
  const ops: HistoryOp[] = [];
  for (const [index, step] of steps.entries()) {
    const resolved = resolveStep({ ...step, conn: branch }, view, campaign.world, campaign.dialect);
    const sentAt = performance.now();
    const outcome = await sendStep(campaign, resolved, branch);
    ops.push({ branch, index, resolved, outcome, sentAt, receivedAt: performance.now() });
    if (outcome.kind !== 'reply') break;
    if (
      resolved.expect.kind === 'request' &&
      resolved.expect.request.command === 'AUTH' &&
      outcome.json !== undefined
    ) {
      const status = campaign.dialect.readStatus(outcome.json);
      const token = campaign.dialect.readToken(outcome.json);
      if (status.ok && status.value === 'OK' && token.ok) view.addLogin(token.value);
    }
  }
  return ops;
}

/** Every user's inbox and file list, read after the branches with the run-start sessions. */
async function runEpilogue(campaign: Campaign, model: FuzzModel): Promise<HistoryOp[]> {
  const ops: HistoryOp[] = [];
  let index = 0;
  for (let user = 0; user < campaign.world.users.length; user++) {
    for (const cmd of (['INBOX', 'MY_FILE'] as const).filter((c) =>
      campaign.commands.includes(c),
    )) {
      const step: Step = { conn: 0, op: { cmd, session: { kind: 'user', user } }, form: 'plain' };
      const resolved = resolveStep(step, model, campaign.world, campaign.dialect);
      const sentAt = performance.now();
      const outcome = await campaign.pool.at(0).request(resolved.wire, campaign.options.timeoutMs);
      campaign.counters.requests++;
      ops.push({
        branch: -1,
        index: index++,
        resolved,
        outcome,
        sentAt,
        receivedAt: performance.now(),
      });
      if (outcome.kind !== 'reply') {
        campaign.pool.discard(0);
        return ops;
      }
    }
  }
  return ops;
}

function opRecord(op: HistoryOp, judged: Judgement | undefined, connection: string): StepRecord {
  if (judged === undefined) {
    const actual = op.outcome.kind === 'reply' ? op.outcome.text : op.outcome.kind;
    return {
      index: op.index + 1,
      connection,
      request: op.resolved.display,
      expected: '(not reached in the closest interleaving)',
      actual: actual.length > 300 ? `${actual.slice(0, 300)}…` : actual,
      verdict: 'PASS',
      reason: 'not judged',
    };
  }
  const executed: ExecutedStep = {
    resolved: op.resolved,
    outcome: op.outcome,
    judgement: judged,
    connection,
  };
  return toRecord(op.index + 1, executed);
}

function label(op: HistoryOp): string {
  return op.branch < 0 ? `e${op.index + 1}` : `b${op.branch + 1}.${op.index + 1}`;
}

export function parallelProperty(campaign: Campaign): fc.IAsyncProperty<[ParallelCase]> {
  const { options } = campaign;
  const shape = branchShape(options.maxCommands, options.branches);
  const step = stepArbitrary(campaign.world, {
    ...options,
    forms: campaign.forms,
    mix: PARALLEL_MIX,
    commands: campaign.commands,
    asciiOnly: campaign.asciiOnly,
  });
  const cases = fc.record({
    prefix: fc.array(step, { maxLength: shape.prefix, size: 'max' }),
    // Branches may shrink to nothing: fast-check removes trailing steps only down to an
    // array's minimum length, so a minimum of one would keep a step the failure never needed.
    branches: fc.array(fc.array(step, { maxLength: shape.branch, size: 'max' }), {
      minLength: 2,
      maxLength: options.branches,
      size: 'max',
    }),
  });
  const failing = (j: Judgement): boolean => isFailing(j.verdict, options.strict);

  return fc.asyncProperty(cases, async (generated) => {
    campaign.beginCase();
    let setup: readonly StepRecord[] = [];
    const prefix: ExecutedStep[] = [];
    const fail = (
      j: Pick<Judgement, 'verdict' | 'reason' | 'requirement'>,
      detail: Omit<ParallelFailureDetail, 'kind' | 'setup'>,
    ): never => {
      const error = new CaseFailure(j.verdict, j.reason, j.requirement, {
        kind: 'parallel',
        setup,
        ...detail,
      });
      campaign.failCase(error);
      throw error;
    };
    let model: FuzzModel;
    try {
      const learned = await setupCase(campaign);
      model = learned.model;
      setup = learned.records;
    } catch (error) {
      if (error instanceof CaseFailure && error.detail.kind === 'sequential') {
        const j = { verdict: error.verdict, reason: error.message, requirement: error.requirement };
        return fail(j, {
          prefix: [],
          branches: [],
          epilogue: [],
          explanation: error.message,
          closestOrder: '',
        });
      }
      throw error;
    }
    for (const s of generated.prefix) {
      const executed = await runStep(campaign, s, model);
      prefix.push(executed);
      if (failing(executed.judgement)) {
        fail(
          {
            ...executed.judgement,
            reason: `prefix step ${prefix.length}: ${executed.judgement.reason}`,
          },
          {
            prefix: prefix.map((e, i) => toRecord(i + 1, e)),
            branches: [],
            epilogue: [],
            explanation: executed.judgement.reason,
            closestOrder: '',
          },
        );
      }
    }

    const history = await Promise.all(
      generated.branches.map((steps, b) => runBranch(campaign, b, steps, new BranchView(model, b))),
    );
    await campaign.openPool();
    const epilogue = await runEpilogue(campaign, model);

    const result = linearize({
      start: model,
      branches: history,
      epilogue,
      judge: (m, op) => judge(m, op.resolved, op.outcome, campaign.judgeContext),
      failing,
      maxNodes: MAX_SEARCH_NODES,
    });
    if (result.kind === 'inconclusive') {
      campaign.counters.inconclusive++;
      campaign.passCase(prefix.length + history.flat().length);
      return;
    }
    if (result.kind === 'linearizable') {
      if (!campaign.shrinking) {
        for (const { op, judgement } of result.order) {
          for (const f of judgement.findings)
            campaign.notes.add(f, op.resolved.display, judgement.actual);
        }
      }
      campaign.passCase(prefix.length + history.flat().length);
      return;
    }
    const judged = new Map<HistoryOp, Judgement>();
    for (const e of [...result.closest, result.breaking]) judged.set(e.op, e.judgement);
    const breaking: Explained = result.breaking;
    const where =
      breaking.op.branch < 0 ? 'the reads after the branches' : `branch ${breaking.op.branch + 1}`;
    fail(
      {
        verdict: breaking.judgement.verdict,
        reason: `no interleaving of the ${history.filter((b) => b.length > 0).length} branches explains the replies; closest: ${label(breaking.op)} (${where}): ${breaking.judgement.reason}`,
        requirement: breaking.judgement.requirement,
      },
      {
        prefix: prefix.map((e, i) => toRecord(i + 1, e)),
        branches: history.map((ops, b) => ops.map((op) => opRecord(op, judged.get(op), `c${b}`))),
        epilogue: epilogue.map((op) => opRecord(op, judged.get(op), 'c0')),
        explanation: `${label(breaking.op)} ${breaking.op.resolved.display}: expected ${breaking.judgement.expected}, actual ${breaking.judgement.actual}`,
        closestOrder: [...result.closest.map((e) => label(e.op)), label(breaking.op)].join(' '),
      },
    );
  });
}
