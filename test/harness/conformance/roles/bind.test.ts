import { describe, expect, it } from 'vitest';
import { SEED_FIXTURE } from '../../../../specs/index.js';
import { bindRoles } from '../../../../harness/conformance/roles/bind.js';

function usernames(result: ReturnType<typeof bindRoles>): Record<string, string> {
  if (!result.ok) throw new Error(result.reason);
  return Object.fromEntries(
    [...result.bindings].map(([k, b]) => [k, b.kind === 'user' ? b.user.username : b.group.id]),
  );
}

describe('role binding', () => {
  it('gives distinct users in fixture order', () => {
    expect(
      usernames(bindRoles({ a: { kind: 'user' }, b: { kind: 'user' } }, SEED_FIXTURE)),
    ).toEqual({
      a: 'messi',
      b: 'henderson',
    });
  });

  it('honours membership, non-membership and group size', () => {
    const bound = usernames(
      bindRoles(
        {
          g: { kind: 'group', minMembers: 4 },
          m: { kind: 'user', memberOf: 'g' },
          out: { kind: 'user', notMemberOf: 'g' },
        },
        SEED_FIXTURE,
      ),
    );
    expect(bound).toEqual({ g: 'group2', m: 'messi', out: 'henderson' });
  });

  it('backtracks when the first choice leaves a later role unsatisfiable', () => {
    const bound = usernames(
      bindRoles(
        {
          g: { kind: 'group', minMembers: 1 },
          a: { kind: 'user', memberOf: 'g' },
          b: { kind: 'user', memberOf: 'g' },
          c: { kind: 'user', memberOf: 'g' },
          d: { kind: 'user', memberOf: 'g' },
        },
        SEED_FIXTURE,
      ),
    );
    expect(bound.g).toBe('group2');
  });

  it('pins users and groups, and explains what the fixture cannot provide', () => {
    expect(usernames(bindRoles({ a: { kind: 'user', username: 'rimas' } }, SEED_FIXTURE))).toEqual({
      a: 'rimas',
    });
    const result = bindRoles(
      { g: { kind: 'group', minMembers: 5 }, a: { kind: 'user', memberOf: 'g' } },
      SEED_FIXTURE,
    );
    expect(result).toEqual({
      ok: false,
      reason:
        'the fixture (6 users, 2 groups) cannot provide group "g" with at least 5 members; user "a" (a member of g)',
    });
  });
});
