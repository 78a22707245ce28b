/**
 * The group commands, whatever the fixture holds. With a fixture group of two members, its
 * members are messaged. Without one, the probe tries, in turn, a member list made from the
 * fixture's users (`sendgroup <sid> u1,u2 <text>`), then a group it makes itself (and has
 * the other user join), sent to with the group spellings and with a send that doubles as a
 * group send. A message counts only when seen to arrive: in a member's inbox, or in a
 * separate group inbox. A verb answered as an unknown command everywhere is missing, even
 * when no group could be had to confirm it with.
 */
import type { Fixture, FixtureGroup, FixtureUser } from '../../specs/index.js';
import { leave } from './changes.js';
import { learnError } from './error-texts.js';
import { findGroupFile } from './group-files.js';
import { makeGroup, type ProbeGroup } from './group-making.js';
import { learnInboxShape } from './messages.js';
import { locate, statusOf, type Located } from './observe.js';
import {
  currentTemplate,
  isUnknownCommand,
  line,
  login,
  note,
  readInbox,
  tryOrder,
  type Session,
  type Work,
} from './work.js';

export function groupFor(
  fixture: Fixture,
): { group: FixtureGroup; me: FixtureUser; other: FixtureUser } | undefined {
  for (const group of fixture.groups) {
    const members = group.members
      .map((m) => fixture.users.find((u) => u.username === m))
      .filter((u): u is FixtureUser => u !== undefined);
    if (members.length >= 2) return { group, me: members[0]!, other: members[1]! };
  }
  return undefined;
}

/** What the SEND_GROUP spellings got, over every group tried. */
interface Tries {
  unknown: number;
  tried: number;
  okButLost?: string;
}

const usesMembers = (template: string): boolean => template.includes('{members}');

/** SEND's spelling with the group in the user's place: a send that doubles as a group send. */
function sendAsGroup(w: Work): string | undefined {
  const send = currentTemplate(w, 'SEND');
  if (send === undefined || w.findings.get('commands.SEND')?.confidence !== 'confirmed') {
    return undefined;
  }
  return send.includes('{to}') ? send.replace('{to}', '{group}') : undefined;
}

/** Where a message sent to the group arrived for `reader`: the inbox, or a group inbox. */
async function arrival(
  w: Work,
  reader: Session,
  group: ProbeGroup,
  text: string,
  groupInbox: boolean,
): Promise<Located | undefined> {
  const inbox = await readInbox(w, reader);
  const found = inbox && locate(inbox, text, w.data.listKeys);
  if (found !== undefined || !groupInbox) return found;
  const known = w.groups.inbox;
  const candidates = known !== undefined ? [known] : w.data.groups.inbox;
  for (const template of candidates) {
    if (!w.link.canAfford(2)) break;
    const words = template
      .split(/\s+/)
      .map((word) => (word === '{group}' ? group.id : word === '{session}' ? reader.token : word));
    const answer = await w.link.ask(`${words.join(' ')} \r\n`);
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    const there = locate(answer.json, text, w.data.listKeys);
    if (there === undefined) continue;
    w.groups.inbox = template;
    w.groups.inboxKey = there.replyKey;
    note(
      w,
      'groups.inbox',
      'confirmed',
      `the group message was listed for ${reader.user.username} here, not in the inbox`,
    );
    note(w, 'groups.inboxKey', 'confirmed', 'the group inbox listed the message here');
    return there;
  }
  return undefined;
}

/** Sends to `group` with each candidate spelling until one is seen to arrive. */
async function sendToGroup(
  w: Work,
  me: Session,
  group: ProbeGroup,
  which: 'members' | 'group' | 'any',
  tries: Tries,
): Promise<boolean> {
  const candidates = tryOrder(w, 'SEND_GROUP').filter((t) =>
    which === 'any' ? true : which === 'members' ? usesMembers(t) : !usesMembers(t),
  );
  const viaSend = which === 'members' ? undefined : sendAsGroup(w);
  const all = viaSend === undefined ? candidates : [...candidates, viaSend];
  for (const [i, template] of all.entries()) {
    if (!w.link.canAfford(4)) break;
    const text = `probe-${w.tag}-g${which[0]}${i}`;
    const values = { session: me.token, group: group.id, members: group.members, text };
    const answer = await w.link.ask(line(w, 'SEND_GROUP', template, values));
    if (template !== viaSend) tries.tried++;
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      if (template !== viaSend) tries.unknown++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    let found: Located | undefined;
    let reader: Session | undefined;
    for (const r of group.readers) {
      found = await arrival(w, r, group, text, which !== 'members');
      if (found !== undefined) {
        reader = r;
        break;
      }
    }
    if (found === undefined || reader === undefined) {
      tries.okButLost ??= template;
      continue;
    }
    w.commands.SEND_GROUP = { request: template };
    note(
      w,
      'commands.SEND_GROUP',
      'confirmed',
      template === viaSend
        ? `a send to the group ${group.id} arrived in ${reader.user.username}'s inbox: the send doubles as a group send`
        : `a message to ${usesMembers(template) ? `the member list ${group.members}` : group.id} with this spelling arrived for ${reader.user.username}`,
    );
    if (reader !== group.readers[0] && group.readers.length > 1) {
      note(
        w,
        'commands.SEND_GROUP',
        'confirmed',
        `the message arrived for ${reader.user.username}, but ${group.readers[0]!.user.username}'s copy was not seen as sent (a defect the group scenarios judge, not a spelling)`,
      );
    }
    if (found.peer === group.id) {
      w.replies.inbox.groupKey = 'group';
      note(
        w,
        'replies.inbox.groupKey',
        'confirmed',
        'the group message was listed under the group id',
      );
    } else if (found.peer === me.user.username) {
      w.replies.inbox.groupKey = 'sender';
      note(
        w,
        'replies.inbox.groupKey',
        'confirmed',
        "the group message was listed under the sender's username",
      );
    }
    learnInboxShape(w, found.entry, me.user, 'group');
    for (const unread of group.readers.slice(1).filter((r) => r !== reader)) {
      // Read so the probe's copy does not wait there; a message already taken stays taken.
      await readInbox(w, unread);
    }
    if (!usesMembers(template)) {
      const bogus = await w.link.ask(
        line(w, 'SEND_GROUP', template, { session: me.token, group: `probe${w.tag}nogroup`, text }),
      );
      learnError(w, 'UNKNOWN_GROUP', bogus, 'a message to a group that does not exist');
    }
    return true;
  }
  return false;
}

/** Finds SEND_GROUP and SEND_GROUP_FILE, with a fixture group or one the probe makes. */
export async function findGroups(w: Work, me: Session): Promise<void> {
  const tries: Tries = { unknown: 0, tried: 0 };
  const pick = groupFor(w.fixture);
  let group: ProbeGroup | undefined;
  if (pick !== undefined && pick.me.username === me.user.username) {
    const other = await login(w, pick.other);
    group = {
      id: pick.group.id,
      members: pick.group.members.join(','),
      readers: other === undefined ? [me] : [other, me],
    };
    if (!(await sendToGroup(w, me, group, 'any', tries))) group = undefined;
    const unread = pick.group.members.filter(
      (m) => m !== me.user.username && m !== pick.other.username,
    );
    if (group !== undefined && unread.length > 0) {
      leave(
        w.traces,
        `the probe's group messages wait unread in the inbox of ${unread.join(', ')} (members of ${pick.group.id})`,
      );
    }
  }
  // No group of the fixture's to use, or the server does not have it (its groups are made
  // before use): a list of users, then a group made and joined.
  if (group === undefined) {
    const otherUser = w.fixture.users.find((u) => u.username !== me.user.username);
    const other = otherUser === undefined ? undefined : await login(w, otherUser);
    const readers = other === undefined ? [me] : [other, me];
    const list: ProbeGroup = {
      id: readers.map((r) => r.user.username).join(','),
      members: [me, ...(other ? [other] : [])].map((r) => r.user.username).join(','),
      readers,
    };
    if (await sendToGroup(w, me, list, 'members', tries)) group = list;
    else {
      const made = await makeGroup(w, me, other);
      if (made !== undefined && (await sendToGroup(w, me, made, 'group', tries))) {
        group = made;
        note(
          w,
          'groups.create',
          'confirmed',
          `a message sent to the group ${made.id} made this way arrived`,
        );
        if (w.groups.join !== undefined && made.readers.length > 1) {
          note(
            w,
            'groups.join',
            'confirmed',
            `${made.readers[0]!.user.username} joined with this spelling and got the group's message`,
          );
        }
      }
    }
    if (group === undefined) {
      // No group to confirm with: a made-up group still tells a missing verb from one that is there.
      const nogroup: ProbeGroup = {
        id: `probe${w.tag}nogroup`,
        members: me.user.username,
        readers: [],
      };
      for (const template of tryOrder(w, 'SEND_GROUP').filter((t) => !usesMembers(t))) {
        if (!w.link.canAfford(2)) break;
        const values = {
          session: me.token,
          group: nogroup.id,
          members: nogroup.members,
          text: 'x',
        };
        const answer = await w.link.ask(line(w, 'SEND_GROUP', template, values));
        tries.tried++;
        if (isUnknownCommand(w, answer, template.split(' ')[0]!)) tries.unknown++;
        else if (answer.kind === 'json' && statusOf(answer.json) === 'ERROR') {
          w.commands.SEND_GROUP = { request: template };
          note(
            w,
            'commands.SEND_GROUP',
            'likely',
            'the verb is there (a made-up group was answered with an error, not as an unknown command), but no group could be had to see a message arrive',
          );
          learnError(w, 'UNKNOWN_GROUP', answer, 'a message to a group that does not exist');
          await findGroupFile(w, me, undefined);
          return;
        }
      }
    }
  }
  if (group === undefined) {
    if (tries.okButLost !== undefined) {
      w.commands.SEND_GROUP = { request: tries.okButLost };
      note(
        w,
        'commands.SEND_GROUP',
        'likely',
        'answered OK, but the message was not seen to arrive',
      );
    } else if (tries.tried > 0 && tries.unknown === tries.tried) {
      w.unknownEverywhere.add('SEND_GROUP');
    } else {
      note(w, 'commands.SEND_GROUP', 'assumed', 'no spelling tried was seen to deliver a message');
    }
  }
  await findGroupFile(w, me, group);
}
