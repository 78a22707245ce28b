/** The group commands, with a group of the fixture's. */
import type { Fixture, FixtureGroup, FixtureUser } from '../../specs/index.js';
import { learnError } from './error-texts.js';
import { fileData, listFiles } from './files.js';
import { learnInboxShape } from './messages.js';
import { locate, locateFile, statusOf } from './observe.js';
import {
  currentTemplate,
  isUnknownCommand,
  line,
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

export async function findGroups(
  w: Work,
  me: Session,
  group: FixtureGroup,
  other: Session | undefined,
): Promise<void> {
  let unknown = 0;
  let okButLost: string | undefined;
  const candidates = tryOrder(w, 'SEND_GROUP');
  for (const [i, template] of candidates.entries()) {
    if (!w.link.canAfford(3)) break;
    const text = `probe-${w.tag}-g${i}`;
    const answer = await w.link.ask(
      line(w, 'SEND_GROUP', template, { session: me.token, group: group.id, text }),
    );
    if (isUnknownCommand(w, answer)) {
      unknown++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    const reader = other ?? me;
    const inbox = await readInbox(w, reader);
    const found = inbox && locate(inbox, text, w.data.listKeys);
    if (found === undefined) {
      okButLost ??= template;
      continue;
    }
    w.commands.SEND_GROUP = { request: template };
    note(
      w,
      'commands.SEND_GROUP',
      'confirmed',
      `a message to ${group.id} with this spelling arrived in ${reader.user.username}'s inbox`,
    );
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
    const bogus = await w.link.ask(
      line(w, 'SEND_GROUP', template, { session: me.token, group: `probe${w.tag}nogroup`, text }),
    );
    learnError(w, 'UNKNOWN_GROUP', bogus, 'a message to a group that does not exist');
    break;
  }
  if (
    currentTemplate(w, 'SEND_GROUP') === undefined ||
    w.findings.get('commands.SEND_GROUP')?.confidence !== 'confirmed'
  ) {
    if (okButLost !== undefined) {
      w.commands.SEND_GROUP = { request: okButLost };
      note(
        w,
        'commands.SEND_GROUP',
        'likely',
        'answered OK, but the message was not seen to arrive',
      );
    } else {
      if (unknown === candidates.length) w.unknownEverywhere.add('SEND_GROUP');
      note(w, 'commands.SEND_GROUP', 'assumed', 'no spelling tried was seen to deliver a message');
    }
  }

  const { data } = fileData(w);
  const filename = `probe-${w.tag}-group.txt`;
  const listTemplate =
    w.findings.get('commands.MY_FILE')?.confidence === 'confirmed'
      ? currentTemplate(w, 'MY_FILE')
      : undefined;
  let unknownFile = 0;
  let okFile: string | undefined;
  const fileCandidates = tryOrder(w, 'SEND_GROUP_FILE');
  for (const template of fileCandidates) {
    if (!w.link.canAfford(2)) break;
    const answer = await w.link.ask(
      line(w, 'SEND_GROUP_FILE', template, { session: me.token, group: group.id, filename, data }),
    );
    if (isUnknownCommand(w, answer)) {
      unknownFile++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    if (listTemplate === undefined) {
      okFile ??= template;
      break;
    }
    const list = await listFiles(w, other ?? me, listTemplate);
    if (list.kind === 'json' && locateFile(list.json, filename, w.data.listKeys) !== undefined) {
      w.commands.SEND_GROUP_FILE = { request: template };
      note(
        w,
        'commands.SEND_GROUP_FILE',
        'confirmed',
        `a file sent to ${group.id} with this spelling was listed for ${(other ?? me).user.username}`,
      );
      return;
    }
    okFile ??= template;
  }
  if (okFile !== undefined) {
    w.commands.SEND_GROUP_FILE = { request: okFile };
    note(w, 'commands.SEND_GROUP_FILE', 'likely', 'answered OK; the file was not seen listed');
  } else {
    if (unknownFile === fileCandidates.length) w.unknownEverywhere.add('SEND_GROUP_FILE');
    note(w, 'commands.SEND_GROUP_FILE', 'assumed', 'no spelling tried was accepted');
  }
}
