/** The file commands: a small file sent to oneself must be listed and download with its bytes. */
import type { Answer } from './link.js';
import { learnError } from './error-texts.js';
import type { JsonObject } from '../../specs/index.js';
import { leave } from './changes.js';
import { isObject, listKeysOf, locateFile, statusOf } from './observe.js';
import {
  isUnknownCommand,
  line,
  note,
  readInbox,
  tryOrder,
  type Session,
  type Work,
} from './work.js';

export function fileData(w: Work): { filename: string; data: string } {
  return {
    filename: `probe-${w.tag}.txt`,
    data: Buffer.from(`chatspec probe ${w.tag}\n`, 'utf8').toString('base64'),
  };
}

export async function listFiles(w: Work, session: Session, template: string): Promise<Answer> {
  return w.link.ask(line(w, 'MY_FILE', template, { session: session.token }));
}

/** Whether a file sent is also announced in the inbox, as an entry beside the messages. */
async function learnFileNotices(w: Work, me: Session, filename: string): Promise<void> {
  const inbox = await readInbox(w, me);
  if (inbox === undefined) return;
  const notice = listKeysOf(inbox, w.data.listKeys).some((key) => {
    const value = inbox[key];
    const lists = Array.isArray(value) ? [value] : Object.values(value as JsonObject);
    return lists.some(
      (list) =>
        Array.isArray(list) &&
        list.some(
          (e) => isObject(e) && typeof e.filename === 'string' && e.filename.trim() === filename,
        ),
    );
  });
  w.replies.inbox.fileNotices = notice;
  note(
    w,
    'replies.inbox.fileNotices',
    'confirmed',
    notice
      ? 'a file sent to oneself was also announced in the inbox, as an entry with its filename'
      : 'a file sent to oneself was not announced in the inbox',
  );
}

export async function findFiles(w: Work, me: Session): Promise<void> {
  const { filename, data } = fileData(w);
  let sentWith: string | undefined;
  let unknownSend = 0;
  const sendCandidates = tryOrder(w, 'SEND_FILE');
  for (const template of sendCandidates) {
    const answer = await w.link.ask(
      line(w, 'SEND_FILE', template, { session: me.token, to: me.user.username, filename, data }),
    );
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknownSend++;
      continue;
    }
    if (answer.kind === 'json' && statusOf(answer.json) === 'OK') {
      sentWith = template;
      break;
    }
  }
  if (sentWith === undefined) {
    if (unknownSend === sendCandidates.length) w.unknownEverywhere.add('SEND_FILE');
    note(w, 'commands.SEND_FILE', 'assumed', 'no spelling tried was accepted');
  } else {
    w.commands.SEND_FILE = { request: sentWith };
    note(w, 'commands.SEND_FILE', 'likely', 'accepted a small file sent to oneself');
    leave(w.traces, `the probe's file ${filename} stays in ${me.user.username}'s files`);
    await learnFileNotices(w, me, filename);
  }

  let unknownList = 0;
  const listCandidates = tryOrder(w, 'MY_FILE');
  let listed = false;
  for (const template of listCandidates) {
    const answer = await listFiles(w, me, template);
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknownList++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    const where =
      sentWith === undefined ? undefined : locateFile(answer.json, filename, w.data.listKeys);
    w.commands.MY_FILE = { request: template };
    if (where === undefined) {
      note(w, 'commands.MY_FILE', 'likely', 'answered OK, but no file sent was seen listed');
      listed = true;
      break;
    }
    w.replies.files = { key: where.replyKey, shape: where.shape };
    note(w, 'commands.MY_FILE', 'confirmed', 'listed the file sent');
    note(w, 'replies.files.key', 'confirmed', 'the file list sits here');
    note(
      w,
      'replies.files.shape',
      'confirmed',
      where.shape === 'map'
        ? `the file was listed under ${JSON.stringify(where.peer)}`
        : 'the file names came as one flat list',
    );
    if (sentWith !== undefined)
      note(w, 'commands.SEND_FILE', 'confirmed', 'the file sent to oneself was listed');
    listed = true;
    break;
  }
  if (!listed) {
    if (unknownList === listCandidates.length) w.unknownEverywhere.add('MY_FILE');
    note(w, 'commands.MY_FILE', 'assumed', 'no spelling tried answered OK');
  }

  let unknownDownload = 0;
  if (sentWith === undefined) {
    // Nothing to download; still tell a missing command from one that could not be checked.
    const candidates = tryOrder(w, 'DOWNLOAD_FILE');
    for (const template of candidates) {
      const answer = await w.link.ask(
        line(w, 'DOWNLOAD_FILE', template, { session: me.token, peer: me.user.username, filename }),
      );
      if (isUnknownCommand(w, answer, template.split(' ')[0]!)) unknownDownload++;
    }
    if (unknownDownload === candidates.length) w.unknownEverywhere.add('DOWNLOAD_FILE');
    else note(w, 'commands.DOWNLOAD_FILE', 'assumed', 'no file could be sent to download');
    return;
  }
  const downloadCandidates = tryOrder(w, 'DOWNLOAD_FILE');
  for (const template of downloadCandidates) {
    const answer = await w.link.ask(
      line(w, 'DOWNLOAD_FILE', template, { session: me.token, peer: me.user.username, filename }),
    );
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknownDownload++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    const entries = Object.entries(answer.json).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    const dataKey = entries.find(([, v]) => v.trim() === data)?.[0];
    if (dataKey === undefined) continue;
    const nameKey = entries.find(([k, v]) => k !== dataKey && v.trim() === filename)?.[0];
    const textKey = entries.find(([k]) => k !== dataKey && k !== nameKey && k !== 'status')?.[0];
    w.commands.DOWNLOAD_FILE = { request: template };
    note(w, 'commands.DOWNLOAD_FILE', 'confirmed', 'downloaded the file sent, with the bytes sent');
    note(
      w,
      'commands.SEND_FILE',
      'confirmed',
      'the file sent to oneself downloaded with the bytes sent',
    );
    w.replies.download = {
      filename: nameKey ?? w.replies.download.filename,
      data: dataKey,
      ...(textKey !== undefined ? { text: textKey } : {}),
    };
    note(w, 'replies.download.data', 'confirmed', 'the bytes sent came back here');
    note(
      w,
      'replies.download.filename',
      nameKey === undefined ? 'assumed' : 'confirmed',
      nameKey === undefined
        ? 'the file name was not seen in the reply'
        : 'the file name came back here',
    );
    note(
      w,
      'replies.download.text',
      textKey === undefined ? 'confirmed' : 'confirmed',
      textKey === undefined
        ? 'the reply carries no other text'
        : `the reply's text sits here (${JSON.stringify(answer.json[textKey])})`,
    );
    const missing = await w.link.ask(
      line(w, 'DOWNLOAD_FILE', template, {
        session: me.token,
        peer: me.user.username,
        filename: `probe-${w.tag}-absent.txt`,
      }),
    );
    learnError(w, 'FILE_NOT_FOUND', missing, 'downloading a file never sent');
    return;
  }
  if (unknownDownload === downloadCandidates.length) w.unknownEverywhere.add('DOWNLOAD_FILE');
  note(w, 'commands.DOWNLOAD_FILE', 'assumed', 'no spelling tried gave the file back');
}
