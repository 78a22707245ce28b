/**
 * Sequential model-based fuzzing: fast-check generates a sequence of steps, `asyncModelRun`
 * runs them as AsyncCommands against the server and the model side by side, and fast-check
 * shrinks a failing sequence to a minimal one.
 */
import fc from 'fast-check';
import { stepArbitrary } from './arbitraries.js';
import type { Campaign } from './campaign.js';
import { CaseFailure } from './case-failure.js';
import { isFailing } from './compare.js';
import { runStep, toRecord, type ExecutedStep } from './execute.js';
import { learnStartingState } from './learn.js';
import type { FuzzModel } from './model.js';
import type { StepRecord } from '../../results/fuzz.js';
import type { Step } from './steps.js';

/** The "real system" of one case: the campaign, and what this case has done so far. */
export interface SequentialRun {
  readonly campaign: Campaign;
  readonly executed: ExecutedStep[];
  setup: readonly StepRecord[];
}

/**
 * Learns the server's state for a case. A server that answers the learning wrongly fails the
 * case, unless a failure was already found: a smaller case is then skipped instead, because
 * what broke the server may have been the failing case itself. A server that does not answer
 * at all is restarted if it can be, else the campaign stops trying smaller cases.
 */
export async function setupCase(
  campaign: Campaign,
): Promise<{ model: FuzzModel; records: readonly StepRecord[] }> {
  const beforeCase = campaign.options.beforeCase;
  if (beforeCase !== undefined) {
    campaign.pool.closeAll();
    await beforeCase();
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    await campaign.openPool();
    const learned = await learnStartingState(campaign);
    if (learned.kind === 'ok') return learned;
    if (learned.kind === 'unreachable') {
      // Down, or up and not answering? Only a fresh connection tells.
      campaign.pool.closeAll();
      const open = await campaign.pool.ensureOpen();
      if (!open.ok) {
        await campaign.serverLost(learned.reason);
        if (campaign.deadReason !== undefined) break;
        continue;
      }
    }
    if (campaign.shrinking) break;
    // The case's own steps never ran: there is nothing smaller to try.
    campaign.stop('the server failed while the fuzzer learned its state, before any step ran');
    throw new CaseFailure(
      learned.kind === 'failed' ? learned.verdict : 'ERROR',
      learned.reason,
      learned.kind === 'failed' ? learned.requirement : 'FRAME-1',
      { kind: 'sequential', setup: learned.records, steps: [] },
    );
  }
  fc.pre(false);
  throw new Error('unreachable: fc.pre(false) throws');
}

export class FuzzCommand implements fc.AsyncCommand<FuzzModel, SequentialRun> {
  readonly step: Step;

  constructor(step: Step) {
    this.step = step;
  }

  check(): boolean {
    // Every step means something in every state: references resolve modulo what exists.
    return true;
  }

  async run(model: FuzzModel, run: SequentialRun): Promise<void> {
    const executed = await runStep(run.campaign, this.step, model);
    run.executed.push(executed);
    const j = executed.judgement;
    if (isFailing(j.verdict, run.campaign.options.strict)) {
      throw new CaseFailure(
        j.verdict,
        `step ${run.executed.length}: ${j.reason}`,
        j.requirement,
        {
          kind: 'sequential',
          setup: [],
          steps: run.executed.map((e, i) => toRecord(i + 1, e)),
        },
        { kind: 'sequential', executed: [...run.executed] },
      );
    }
  }

  toString(): string {
    return JSON.stringify(this.step);
  }
}

export function sequentialProperty(campaign: Campaign): fc.IAsyncProperty<[Step[]]> {
  const steps = fc.array(
    stepArbitrary(campaign.world, {
      ...campaign.options,
      forms: campaign.forms,
      commands: campaign.commands,
      asciiOnly: campaign.asciiOnly,
    }),
    {
      maxLength: campaign.options.maxCommands,
      // Lengths up to the maximum, not fast-check's small default: long sequences build the
      // state that finds bugs, and they spread the cost of learning over more commands.
      size: 'max',
    },
  );
  return fc.asyncProperty(steps, async (generated) => {
    campaign.beginCase();
    const run: SequentialRun = { campaign, executed: [], setup: [] };
    try {
      await fc.asyncModelRun(
        async () => {
          const { model, records } = await setupCase(campaign);
          run.setup = records;
          return { model, real: run };
        },
        generated.map((step) => new FuzzCommand(step)),
      );
    } catch (error) {
      if (error instanceof CaseFailure) campaign.failCase(error);
      throw error;
    }
    campaign.passCase(run.executed.length);
  });
}
