/** A model with every seed user logged in under a readable token, and fake replies. */
import type { ReadOutcome } from '../../../../harness/client/connection.js';
import { FuzzModel } from '../../../../harness/fuzz/model.js';
import { createWorld, type FuzzWorld } from '../../../../harness/fuzz/world.js';
import { SEED_FIXTURE } from '../../../../specs/index.js';

export function loggedInModel(): FuzzModel {
  const model = FuzzModel.create(SEED_FIXTURE);
  for (const user of SEED_FIXTURE.users)
    model.adoptUserSession(user.username, `tok-${user.username}`);
  return model;
}

export const world: FuzzWorld = createWorld(SEED_FIXTURE, 1);

/** users[i] of the seed fixture, by name, for readable steps. */
export const U = { messi: 0, henderson: 1, lineker: 2, aul: 3, kinas: 4, rimas: 5 } as const;

export function reply(value: object): ReadOutcome {
  const text = JSON.stringify(value);
  return { kind: 'reply', text, json: JSON.parse(text) as Record<string, unknown>, elapsedMs: 0 };
}

export const TIMEOUT: ReadOutcome = { kind: 'timeout', partialBytes: 0, elapsedMs: 2000 };
