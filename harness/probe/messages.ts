/** INBOX and SEND: a message sent to oneself must arrive; how the inbox lists it and forgets it. */
import type { FixtureUser } from '../../specs/index.js';
import { rememberInbox } from './changes.js';
import { locate, shapeOf, statusOf, textOf } from './observe.js';
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

export async function findInbox(w: Work, session: Session): Promise<boolean> {
  let unknown = 0;
  const candidates = tryOrder(w, 'INBOX');
  for (const template of candidates) {
    const answer = await w.link.ask(line(w, 'INBOX', template, { session: session.token }));
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknown++;
      continue;
    }
    if (answer.kind === 'json' && statusOf(answer.json) === 'OK') {
      rememberInbox(w.traces, session.user.username, answer.json, w.data.listKeys);
      w.commands.INBOX = { request: template };
      note(
        w,
        'commands.INBOX',
        'likely',
        'answered OK with the session; not yet seen to list a message',
      );
      return true;
    }
  }
  if (unknown === candidates.length) w.unknownEverywhere.add('INBOX');
  w.commands.INBOX = 'unsupported';
  return false;
}

export function learnInboxShape(
  w: Work,
  entry: unknown,
  sender: FixtureUser,
  kind: 'personal' | 'group',
): void {
  const shape = shapeOf(entry, sender.username, sender.name);
  if (shape === undefined) {
    note(
      w,
      `replies.inbox.${kind}`,
      'assumed',
      `an entry of no known shape: ${JSON.stringify(entry)}`,
    );
    return;
  }
  w.replies.inbox[kind] = shape;
  note(
    w,
    `replies.inbox.${kind}`,
    'confirmed',
    `a ${kind} message arrived as ${JSON.stringify(entry)}`,
  );
}

export async function findSend(w: Work, me: Session): Promise<boolean> {
  let unknown = 0;
  let okButLost: string | undefined;
  const candidates = tryOrder(w, 'SEND');
  for (const [i, template] of candidates.entries()) {
    const text = `probe-${w.tag}-m${i}`;
    const answer = await w.link.ask(
      line(w, 'SEND', template, { session: me.token, to: me.user.username, text }),
    );
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknown++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    const inbox = await readInbox(w, me);
    const found = inbox && locate(inbox, text, w.data.listKeys);
    if (found === undefined || inbox === undefined) {
      okButLost ??= template;
      continue;
    }
    w.commands.SEND = { request: template };
    note(
      w,
      'commands.SEND',
      'confirmed',
      `a message sent to oneself with this spelling arrived in ${me.user.username}'s inbox`,
    );
    note(w, 'commands.INBOX', 'confirmed', 'listed the message sent');
    const ok = textOf(answer.json, w.data.textKeys);
    if (ok !== undefined) {
      w.replies.okText = ok.key;
      note(w, 'replies.okText', 'confirmed', `the send was answered ${JSON.stringify(ok.text)}`);
    }
    w.replies.inbox.key = found.replyKey;
    note(w, 'replies.inbox.key', 'confirmed', 'the inbox reply listed the message here');
    learnInboxShape(w, found.entry, me.user, 'personal');
    if (found.peer !== undefined && found.peer !== me.user.username) {
      note(
        w,
        'replies.inbox.key',
        'likely',
        `the message was listed under ${JSON.stringify(found.peer)}, not the sender's username`,
      );
    }
    await learnInboxSemantics(w, me, text);
    return true;
  }
  if (okButLost !== undefined) {
    w.commands.SEND = { request: okButLost };
    note(w, 'commands.SEND', 'likely', 'answered OK, but the message was not seen in the inbox');
    return false;
  }
  if (unknown === candidates.length) w.unknownEverywhere.add('SEND');
  note(w, 'commands.SEND', 'assumed', 'no spelling tried was seen to deliver a message');
  return false;
}

/** Whether reading empties the inbox, and in which order it lists. */
async function learnInboxSemantics(w: Work, me: Session, first: string): Promise<void> {
  const template = currentTemplate(w, 'SEND')!;
  const a = `probe-${w.tag}-order-a`;
  const b = `probe-${w.tag}-order-b`;
  for (const text of [a, b]) {
    await w.link.ask(line(w, 'SEND', template, { session: me.token, to: me.user.username, text }));
  }
  const inbox = await readInbox(w, me);
  if (inbox === undefined) return;
  const again = locate(inbox, first, w.data.listKeys);
  w.replies.inbox.destructive = again === undefined;
  note(
    w,
    'replies.inbox.destructive',
    'confirmed',
    again === undefined
      ? 'a message read once was not listed again'
      : 'a message read once was listed again on the next read',
  );
  const la = locate(inbox, a, w.data.listKeys);
  const lb = locate(inbox, b, w.data.listKeys);
  if (la !== undefined && lb !== undefined && la.peer === lb.peer) {
    w.replies.inbox.order = la.index < lb.index ? 'oldest-first' : 'newest-first';
    note(
      w,
      'replies.inbox.order',
      'confirmed',
      `two messages sent one after the other were listed ${w.replies.inbox.order.replace('-', ' ')}`,
    );
  } else {
    note(
      w,
      'replies.inbox.order',
      'assumed',
      'two messages in a row were not both listed under one key',
    );
  }
}
