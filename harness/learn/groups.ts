/**
 * Groups for a run on a server that has none of its own, for the conformance run and the
 * fuzzer alike. Group checks need a group with members: where the dialect names a group by
 * its members, any users of the fixture are one; where groups are made before use (the
 * dialect's groups.create), the run makes them through the dialect before its first check:
 * the first member creates each group, the others join it. A fixture without a group of two
 * members gets one made of its users.
 */
import type { Dialer } from '../../net/index.js';
import {
  dialectFromSpec,
  type Dialect,
  type Fixture,
  type FixtureGroup,
} from '../../specs/index.js';
import { ChatConnection } from '../client/connection.js';

/** What making groups needs of a run's target. */
export interface GroupTarget {
  readonly dialer: Dialer;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  readonly dialect: Dialect;
  readonly fixture: Fixture;
}

/** The most members a group made for a run gets: enough to show fan-out, few to read. */
const MAX_MADE_MEMBERS = 4;

/**
 * The fixture's groups, or one made of its users when none has two members: every user but
 * the last (who stays outside, for the non-member scenario) up to MAX_MADE_MEMBERS.
 */
export function groupsForRun(fixture: Fixture, runId: string): readonly FixtureGroup[] {
  if (fixture.groups.some((g) => g.members.length >= 2)) return fixture.groups;
  const users = fixture.users.map((u) => u.username);
  if (users.length < 2) return fixture.groups;
  const count = Math.min(users.length === 2 ? 2 : users.length - 1, MAX_MADE_MEMBERS);
  return [
    ...fixture.groups,
    { id: `cs${runId}g`, name: `chatspec ${runId}`, members: users.slice(0, count) },
  ];
}

/** The password a run gives the groups it makes. */
export function groupPassword(runId: string): string {
  return `cs${runId}pw`;
}

async function ask(connection: ChatConnection, line: string, timeoutMs: number) {
  await connection.write(line);
  const outcome = await connection.read(timeoutMs);
  return outcome.kind === 'reply' ? outcome.json : undefined;
}

/** Why groups could not be made (`problem`), and each create or join the server refused. */
interface MadeGroups {
  readonly problem?: string;
  readonly refused: readonly GroupRefusal[];
}

/** A create or join the server answered with ERROR: the group exists, or the password differs. */
export interface GroupRefusal {
  readonly member: string;
  readonly group: string;
  readonly action: 'create' | 'join';
  /** The server's error text, as its dialect reads it. */
  readonly text: string;
}

/**
 * Makes each group through the dialect. A group the server already has is joined all the
 * same; what the server refused is returned beside the problem that stopped the making.
 */
async function makeGroups(
  target: GroupTarget,
  dialect: Dialect,
  groups: readonly FixtureGroup[],
  password: string,
): Promise<MadeGroups> {
  const refused: GroupRefusal[] = [];
  const opened = await ChatConnection.open({
    dialer: target.dialer,
    timeoutMs: target.timeoutMs,
    maxReplyBytes: target.maxReplyBytes,
    name: 'groups',
  });
  if (!opened.ok) return { problem: `no connection to make groups on: ${opened.reason}`, refused };
  const connection = opened.connection;
  try {
    for (const group of groups) {
      for (const [i, member] of group.members.entries()) {
        const user = target.fixture.users.find((u) => u.username === member);
        if (user === undefined) continue;
        const auth = dialect.formatRequest({
          command: 'AUTH',
          username: user.username,
          password: user.password,
        });
        const reply = await ask(connection, auth, target.timeoutMs);
        const token = reply === undefined ? undefined : dialect.readToken(reply);
        if (token === undefined || !token.ok)
          return { problem: `${member} could not log in to make ${group.id}`, refused };
        const values = { session: token.value, group: group.id, password };
        const action = i === 0 ? 'create' : 'join';
        const line = dialect.formatGroupRequest(action, values);
        if (line === undefined) continue;
        const made = await ask(connection, line, target.timeoutMs);
        if (made === undefined) {
          return { problem: `no reply when ${member} made or joined ${group.id}`, refused };
        }
        const status = dialect.readStatus(made);
        if (status.ok && status.value === 'ERROR') {
          const text = dialect.readErrorText(made);
          refused.push({ member, group: group.id, action, text: text.ok ? text.value : '' });
        }
      }
    }
    return { refused };
  } finally {
    connection.close();
  }
}

/**
 * The target with the groups its scenarios use: the fixture's own where the server has them
 * (unchanged), else groups made for the run. `problem` says why groups could not be made.
 */
export async function prepareGroups<T extends GroupTarget>(
  target: T,
  runId: string,
): Promise<{
  readonly target: T;
  readonly problem?: string;
  readonly refused: readonly GroupRefusal[];
}> {
  const source = target.dialect.groupSource;
  if (source === 'fixture') return { target, refused: [] };
  const groups = groupsForRun(target.fixture, runId);
  const fixture: Fixture = { ...target.fixture, groups };
  const dialect = dialectFromSpec(target.dialect.spec, { fixture });
  const prepared: T = { ...target, fixture, dialect };
  if (source === 'members') return { target: prepared, refused: [] };
  return {
    target: prepared,
    ...(await makeGroups(prepared, dialect, groups, groupPassword(runId))),
  };
}
