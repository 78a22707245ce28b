/** How often each kind of step is drawn: the mixes and the one that keeps only some commands. */
import type { CommandName } from '../../specs/index.js';

/** How often each kind of step is drawn, relative to one another. */
export interface StepMix {
  readonly commands: Readonly<Record<CommandName, number>>;
  /** A forged or mangled session, against 12 for a real one. */
  readonly badSession: number;
  /** A malformed line (missing params, unknown command), against 14 well-formed ones. */
  readonly malformed: number;
  /** An odd spelling, against 12 plain ones. */
  readonly oddForm: number;
}

/** Everything, errors included: the state grows and every rule gets exercised. */
export const SEQUENTIAL_MIX: StepMix = Object.freeze({
  commands: {
    SEND: 6,
    INBOX: 5,
    AUTH: 2,
    SEND_FILE: 3,
    DOWNLOAD_FILE: 3,
    MY_FILE: 2,
    SEND_GROUP: 3,
    SEND_GROUP_FILE: 2,
  },
  badSession: 1,
  malformed: 1,
  oddForm: 1,
});

/**
 * Concurrency bugs live where steps meet on one inbox or repository: mostly sends and reads
 * by real sessions; errors and odd spellings are the sequential mode's business.
 */
export const PARALLEL_MIX: StepMix = Object.freeze({
  commands: {
    SEND: 8,
    INBOX: 8,
    AUTH: 1,
    SEND_FILE: 2,
    DOWNLOAD_FILE: 2,
    MY_FILE: 2,
    SEND_GROUP: 4,
    SEND_GROUP_FILE: 1,
  },
  badSession: 0,
  malformed: 0,
  oddForm: 0,
});

/** The mix with every command outside `commands` weighted 0 (never drawn). */
export function mixFor(mix: StepMix, commands: readonly CommandName[] | undefined): StepMix {
  if (commands === undefined) return mix;
  const weights = { ...mix.commands };
  for (const name of Object.keys(weights) as CommandName[]) {
    if (!commands.includes(name)) weights[name] = 0;
  }
  return Object.freeze({ ...mix, commands: weights });
}
