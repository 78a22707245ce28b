/** SEND_GROUP_FILE: a file sent to the probe's group must be listed for a member. */
import { leave } from './changes.js';
import { fileData, listFiles } from './files.js';
import type { ProbeGroup } from './group-making.js';
import { locateFile, statusOf } from './observe.js';
import {
  currentTemplate,
  isUnknownCommand,
  line,
  note,
  tryOrder,
  type Session,
  type Work,
} from './work.js';

/**
 * Tries the group file spellings on `group`; without a group, on a made-up one, which still
 * tells a missing verb (answered as an unknown command) from one that is there.
 */
export async function findGroupFile(
  w: Work,
  me: Session,
  group: ProbeGroup | undefined,
): Promise<void> {
  const { data } = fileData(w);
  const filename = `probe-${w.tag}-group.txt`;
  const target = group ?? { id: `probe${w.tag}nogroup`, members: me.user.username, readers: [] };
  const reader = target.readers[0] ?? me;
  const listTemplate =
    w.findings.get('commands.MY_FILE')?.confidence === 'confirmed'
      ? currentTemplate(w, 'MY_FILE')
      : undefined;
  // A server that names groups by members does so for files too, and the other way round.
  const byMembers = currentTemplate(w, 'SEND_GROUP')?.includes('{members}');
  let unknownFile = 0;
  let okFile: string | undefined;
  const fileCandidates = tryOrder(w, 'SEND_GROUP_FILE').filter(
    (t) => group === undefined || byMembers === undefined || t.includes('{members}') === byMembers,
  );
  for (const template of fileCandidates) {
    if (!w.link.canAfford(2)) break;
    const values = { session: me.token, group: target.id, members: target.members, filename, data };
    const answer = await w.link.ask(line(w, 'SEND_GROUP_FILE', template, values));
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknownFile++;
      continue;
    }
    if (group === undefined || answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    leave(w.traces, `the probe's group file ${filename} stays in the files of ${target.members}`);
    if (listTemplate === undefined) {
      okFile ??= template;
      break;
    }
    const list = await listFiles(w, reader, listTemplate);
    if (list.kind === 'json' && locateFile(list.json, filename, w.data.listKeys) !== undefined) {
      w.commands.SEND_GROUP_FILE = { request: template };
      note(
        w,
        'commands.SEND_GROUP_FILE',
        'confirmed',
        `a file sent to ${target.id} with this spelling was listed for ${reader.user.username}`,
      );
      return;
    }
    okFile ??= template;
  }
  if (okFile !== undefined) {
    w.commands.SEND_GROUP_FILE = { request: okFile };
    note(w, 'commands.SEND_GROUP_FILE', 'likely', 'answered OK; the file was not seen listed');
  } else {
    if (fileCandidates.length > 0 && unknownFile === fileCandidates.length) {
      w.unknownEverywhere.add('SEND_GROUP_FILE');
    }
    note(
      w,
      'commands.SEND_GROUP_FILE',
      'assumed',
      group === undefined
        ? 'no group could be had to send a file to'
        : 'no spelling tried was accepted',
    );
  }
}
