/**
 * Groups the probe makes itself, for servers with no predefined groups (or a fixture that
 * lists none): a group is made with one of the candidate spellings, the form without a
 * password first, and the other user joins it, with the group's password where the server
 * asks for one.
 */
import { fillGroupTemplate, type GroupAction } from '../../specs/index.js';
import { leave } from './changes.js';
import type { Answer } from './link.js';
import { statusOf } from './observe.js';
import { isUnknownCommand, note, type Session, type Work } from './work.js';

/** A group to probe with: its id, and its members as a member list would name them. */
export interface ProbeGroup {
  readonly id: string;
  readonly members: string;
  /** Who reads what is sent to it, the other member first. */
  readonly readers: readonly Session[];
}

async function act(
  w: Work,
  action: GroupAction,
  template: string,
  values: { session: string; group: string; password: string },
): Promise<Answer> {
  return w.link.ask(`${fillGroupTemplate(template, values).join(' ')} \r\n`);
}

/** Tries each spelling until one is answered OK; counts those answered as unknown. */
async function firstAccepted(
  w: Work,
  action: GroupAction,
  values: { session: string; group: string; password: string },
): Promise<{ template?: string; unknown: number; tried: number }> {
  let unknown = 0;
  let tried = 0;
  for (const template of w.data.groups[action]) {
    if (!w.link.canAfford(4)) break;
    tried++;
    const answer = await act(w, action, template, values);
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) unknown++;
    else if (answer.kind === 'json' && statusOf(answer.json) === 'OK') {
      return { template, unknown, tried };
    }
  }
  return { unknown, tried };
}

/** Makes a group with `me` in it and `other` joined, or says why it could not. */
export async function makeGroup(
  w: Work,
  me: Session,
  other: Session | undefined,
): Promise<ProbeGroup | undefined> {
  const id = `probe${w.tag}g`;
  const password = `probe${w.tag}pw`;
  const made = await firstAccepted(w, 'create', { session: me.token, group: id, password });
  if (made.template === undefined) {
    note(
      w,
      'groups.create',
      made.unknown === made.tried && made.tried > 0 ? 'confirmed' : 'assumed',
      made.unknown === made.tried && made.tried > 0
        ? 'every spelling tried for making a group was answered as an unknown command'
        : 'no spelling tried for making a group was accepted',
    );
    return undefined;
  }
  w.groups.create = made.template;
  leave(w.traces, `the group ${JSON.stringify(id)} the probe made stays on the server`);
  note(w, 'groups.create', 'likely', `${me.user.username} made the group ${id} with this spelling`);
  const readers: Session[] = [];
  if (other !== undefined) {
    const joined = await firstAccepted(w, 'join', { session: other.token, group: id, password });
    if (joined.template !== undefined) {
      w.groups.join = joined.template;
      note(w, 'groups.join', 'likely', `${other.user.username} joined ${id} with this spelling`);
      readers.push(other);
    } else {
      note(w, 'groups.join', 'assumed', 'no spelling tried for joining a group was accepted');
    }
  }
  readers.push(me);
  return { id, members: readers.map((r) => r.user.username).join(','), readers };
}
