/**
 * Who each connection is: connection i logs in as fixture user i mod n (users are shared
 * between connections; that sharing is part of the load) and writes to the other users and
 * to its groups round robin, each connection starting at a different place in the list.
 */
import type { Fixture } from '../../specs/index.js';
import type { ConnectionIdentity } from './context.js';

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export function connectionIdentity(
  fixture: Fixture,
  globalIndex: number,
  localIndex: number,
): ConnectionIdentity {
  const users = fixture.users;
  const user = users[globalIndex % users.length]!;
  const others = users.filter((u) => u.username !== user.username).map((u) => u.username);
  // A fixture of one user can only write to itself.
  const personal = others.length > 0 ? others : [user.username];
  const ownGroups = fixture.groups.filter((g) => g.members.includes(user.username));
  // Servers do not check membership (protocol-facts.md 4), so a user in no group still sends.
  const groups = (ownGroups.length > 0 ? ownGroups : fixture.groups).map((g) => g.id);
  const spread = Math.floor(globalIndex / users.length);
  return Object.freeze({
    globalIndex,
    localIndex,
    user,
    personalTargets: Object.freeze(rotate(personal, spread)),
    groupTargets: Object.freeze(rotate(groups, spread)),
  });
}
