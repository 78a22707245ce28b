/**
 * Binds a scenario's roles to the fixture's users and groups. Real servers change the seed's
 * users, so scenarios never name them; a scenario whose roles the fixture cannot satisfy is
 * reported (not run, with this reason), never skipped silently.
 */
import type { Fixture, FixtureGroup, FixtureUser } from '../../../specs/index.js';
import type { RoleSpec } from '../scenario/types.js';

export type Binding =
  | { readonly kind: 'user'; readonly user: FixtureUser }
  | { readonly kind: 'group'; readonly group: FixtureGroup };

export type BindResult =
  | { readonly ok: true; readonly bindings: ReadonlyMap<string, Binding> }
  | { readonly ok: false; readonly reason: string };

/** Search steps before giving up; role sets are small, this only guards a pathological file. */
const MAX_SEARCH_STEPS = 100_000;

function describeRole(name: string, role: RoleSpec): string {
  if (role.kind === 'group') {
    return `group "${name}"${role.id ? ` (${role.id})` : ''}${role.minMembers > 1 ? ` with at least ${role.minMembers} members` : ''}`;
  }
  const parts = [
    role.username ? `pinned to ${role.username}` : '',
    role.memberOf ? `a member of ${role.memberOf}` : '',
    role.notMemberOf ? `not a member of ${role.notMemberOf}` : '',
  ].filter(Boolean);
  return `user "${name}"${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * Finds the first assignment in fixture order (so runs are reproducible): groups first, then
 * users, every user role a different user.
 */
export function bindRoles(roles: Readonly<Record<string, RoleSpec>>, fixture: Fixture): BindResult {
  const entries = Object.entries(roles);
  const ordered = [
    ...entries.filter(([, r]) => r.kind === 'group'),
    ...entries.filter(([, r]) => r.kind === 'user'),
  ];
  const chosen = new Map<string, Binding>();
  const usedUsers = new Set<string>();
  let steps = 0;

  const fits = (role: RoleSpec, candidate: Binding): boolean => {
    if (role.kind === 'group' && candidate.kind === 'group') {
      return (
        (role.id === undefined || role.id === candidate.group.id) &&
        new Set(candidate.group.members).size >= role.minMembers
      );
    }
    if (role.kind === 'user' && candidate.kind === 'user') {
      const name = candidate.user.username;
      if (usedUsers.has(name)) return false;
      if (role.username !== undefined && role.username !== name) return false;
      const inGroup = (groupRole: string): boolean => {
        const bound = chosen.get(groupRole);
        return bound?.kind === 'group' && bound.group.members.includes(name);
      };
      if (role.memberOf !== undefined && !inGroup(role.memberOf)) return false;
      if (role.notMemberOf !== undefined && inGroup(role.notMemberOf)) return false;
      return true;
    }
    return false;
  };

  const search = (index: number): boolean => {
    if (index === ordered.length) return true;
    if (++steps > MAX_SEARCH_STEPS) return false;
    const [name, role] = ordered[index]!;
    const candidates: Binding[] =
      role.kind === 'group'
        ? fixture.groups.map((group) => ({ kind: 'group', group }))
        : fixture.users.map((user) => ({ kind: 'user', user }));
    for (const candidate of candidates) {
      if (!fits(role, candidate)) continue;
      chosen.set(name, candidate);
      if (candidate.kind === 'user') usedUsers.add(candidate.user.username);
      if (search(index + 1)) return true;
      chosen.delete(name);
      if (candidate.kind === 'user') usedUsers.delete(candidate.user.username);
    }
    return false;
  };

  if (search(0)) return { ok: true, bindings: chosen };
  const wanted = ordered.map(([name, role]) => describeRole(name, role)).join('; ');
  return {
    ok: false,
    reason: `the fixture (${fixture.users.length} users, ${fixture.groups.length} groups) cannot provide ${wanted}`,
  };
}
