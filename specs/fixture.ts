/**
 * Users and groups a server knows. Real servers written from the course template change
 * them freely, so every tool takes a fixture; the seed document's is the default. A fixture
 * file is read and checked by fixture-file.ts.
 */
import { deepFreeze } from './input-file.js';

export interface FixtureUser {
  readonly username: string;
  readonly password: string;
  /** Full name, as it appears in inbox entries' msg_from and msg_to. */
  readonly name: string;
}

export interface FixtureGroup {
  readonly id: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface Fixture {
  readonly users: readonly FixtureUser[];
  readonly groups: readonly FixtureGroup[];
}

/** The seed document's users and groups (protocol-facts.md, "The seed's fixture"). */
export const SEED_FIXTURE: Fixture = deepFreeze({
  users: [
    { username: 'messi', password: 'surabaya', name: 'Lionel Messi' },
    { username: 'henderson', password: 'surabaya', name: 'Jordan Henderson' },
    { username: 'lineker', password: 'surabaya', name: 'Gary Lineker' },
    { username: 'aul', password: 'sby', name: 'Aul Ronaldo' },
    { username: 'kinas', password: 'sby', name: 'Kinas Puger' },
    { username: 'rimas', password: 'sby', name: 'Rimas Lineker' },
  ],
  groups: [
    { id: 'group1', name: 'Group 1', members: ['messi', 'henderson', 'lineker'] },
    { id: 'group2', name: 'Group 2', members: ['messi', 'aul', 'rimas', 'kinas'] },
  ],
});
