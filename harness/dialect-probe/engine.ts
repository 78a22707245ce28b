/**
 * `chatspec probe`: finds how a server spells the protocol with harmless requests (log in,
 * send oneself a message, read one's own inbox, send oneself a small file, list and download
 * it, send a message to a group one is in), trying the spellings kept as data (probes.ts)
 * and keeping a guess only when its effect is seen: a message sent under a guessed spelling
 * must arrive, a file must be listed and download with the bytes sent. Like nmap's service
 * detection, replies are matched against probes kept as data; unlike it, every match is
 * confirmed against the protocol's model of what the request should have done.
 */
import type { Dialer } from '../../net/index.js';
import {
  COMMAND_NAMES,
  ERROR_TEXTS,
  SEED_FIXTURE,
  canonicalDialect,
  compileTemplate,
  dialectFromSpec,
  type CommandName,
  type CommandSpelling,
  type Dialect,
  type DialectSpec,
  type ErrorCode,
  type Fixture,
  type FixtureGroup,
  type FixtureUser,
  type InboxSpec,
  type JsonObject,
  type Placeholder,
} from '../../specs/index.js';
import { BudgetSpent, ProbeLink, type Answer } from './link.js';
import { locate, locateFile, shapeOf, statusOf, textOf } from './observe.js';
import { describeFoundToken, findToken } from '../learn/token.js';
import { blankVerb, isUnknownCommandReply } from '../learn/unknown-command.js';
import { loadProbeData, type ProbeData } from './probes.js';

export type Confidence = 'confirmed' | 'likely' | 'assumed';

/** One setting the probe decided, how sure it is, and why. */
export interface Finding {
  /** Dotted path in the dialect file: `commands.SEND`, `replies.token`, `errors.UNKNOWN_GROUP`. */
  readonly path: string;
  readonly confidence: Confidence;
  readonly note: string;
}

export interface DialectProbeOptions {
  readonly dialer: Dialer;
  /** Users and groups to log in with; the seed document's by default. */
  readonly fixture?: Fixture;
  /** One request's time (connect and reply). */
  readonly timeoutMs?: number;
  /** The whole probe's time. */
  readonly budgetMs?: number;
  /** The whole probe's requests. */
  readonly maxRequests?: number;
  /** Makes texts and filenames unique to this probe; random by default. */
  readonly tag?: string;
}

export interface DialectProbeResult {
  readonly address: string;
  readonly spec: DialectSpec;
  readonly dialect: Dialect;
  readonly findings: readonly Finding[];
  readonly requests: number;
  readonly elapsedMs: number;
  /** Connections given up on (no reply in time, or closed by the server). */
  readonly abandoned: number;
  /** Why the probe stopped early, if it did (the budget, or no way to log in). */
  readonly stopped?: string;
  /** Why no connection could be opened at all (the target is unreachable), if so. */
  readonly unreachable?: string;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 1500;
export const DEFAULT_PROBE_BUDGET_MS = 30_000;
export const DEFAULT_PROBE_MAX_REQUESTS = 300;

export class DialectProbeOptionError extends Error {
  override readonly name = 'DialectProbeOptionError';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Work {
  readonly link: ProbeLink;
  readonly data: ProbeData;
  readonly fixture: Fixture;
  readonly tag: string;
  readonly findings: Map<string, Finding>;
  readonly commands: Record<CommandName, CommandSpelling | 'unsupported'>;
  readonly replies: {
    token: string;
    errorText: string;
    okText: string;
    inbox: Mutable<InboxSpec>;
    files: { key: string; shape: 'map' | 'list' };
    download: { filename: string; data: string; text?: string };
  };
  readonly errors: Partial<Record<ErrorCode, string[]>>;
  /** Texts seen per error, so one text is never taken for two errors. */
  readonly seenErrors: Map<string, ErrorCode>;
  unknownText: string | undefined;
  /** Commands whose every spelling was answered as an unknown command. */
  readonly unknownEverywhere: Set<CommandName>;
}

function note(w: Work, path: string, confidence: Confidence, text: string): void {
  w.findings.set(path, { path, confidence, note: text });
}

function line(
  w: Work,
  command: CommandName,
  template: string,
  values: Partial<Record<Placeholder, string>>,
): string {
  const t = compileTemplate(command, template);
  const words = [t.verb];
  for (const part of t.parts) {
    if (part.kind === 'literal') words.push(part.word);
    else if (part.name === 'members') {
      const group = w.fixture.groups.find((g) => g.id === values.group);
      words.push(group ? group.members.join(',') : (values.group ?? ''));
    } else words.push(values[part.name] ?? '');
  }
  return `${words.join(' ')} \r\n`;
}

function currentTemplate(w: Work, command: CommandName): string | undefined {
  const c = w.commands[command];
  return c === 'unsupported' ? undefined : c.request;
}

function isUnknownCommand(w: Work, answer: Answer, verb: string): boolean {
  if (answer.kind !== 'json' || statusOf(answer.json) !== 'ERROR') return false;
  const text = textOf(answer.json, w.data.textKeys)?.text;
  if (text === undefined) return false;
  return isUnknownCommandReply(
    text,
    verb,
    w.unknownText === undefined ? undefined : { text: w.unknownText, distinct: true },
  );
}

/** Errors a server may fairly answer with one text: both say the user does not exist. */
function sameMeaning(a: ErrorCode, b: ErrorCode): boolean {
  const users: readonly ErrorCode[] = ['AUTH_UNKNOWN_USER', 'UNKNOWN_USER'];
  return users.includes(a) && users.includes(b);
}

/** Takes an observed error text as the server's spelling of `code`, unless it is another's. */
function learnError(w: Work, code: ErrorCode, answer: Answer, how: string): void {
  if (answer.kind !== 'json' || statusOf(answer.json) !== 'ERROR') {
    note(
      w,
      `errors.${code}`,
      'assumed',
      `not observed (${how} was not answered with ERROR); the document's text kept`,
    );
    return;
  }
  const found = textOf(answer.json, w.data.textKeys);
  if (found === undefined) {
    note(
      w,
      `errors.${code}`,
      'assumed',
      `${how} answered ERROR without a text; the document's text kept`,
    );
    return;
  }
  const text = found.text.trim();
  const canonicalOwner = (Object.keys(ERROR_TEXTS) as ErrorCode[]).find(
    (c) => ERROR_TEXTS[c].toLowerCase() === text.toLowerCase(),
  );
  if (canonicalOwner === code) {
    note(w, `errors.${code}`, 'confirmed', `${how} is answered with the document's text`);
    return;
  }
  const other = canonicalOwner ?? w.seenErrors.get(text.toLowerCase());
  if (other !== undefined && other !== code && !sameMeaning(other, code)) {
    note(
      w,
      `errors.${code}`,
      'assumed',
      `${how} is answered with ${JSON.stringify(text)}, the text of ${other}; not taken as this error's text (a test reports it)`,
    );
    return;
  }
  w.seenErrors.set(text.toLowerCase(), code);
  w.errors[code] = [text];
  note(w, `errors.${code}`, 'confirmed', `${how} is answered with this text`);
}

function tryOrder(w: Work, command: CommandName): readonly string[] {
  return w.data.templates[command];
}

interface Session {
  readonly user: FixtureUser;
  readonly token: string;
}

async function findAuth(w: Work, user: FixtureUser): Promise<Session | undefined> {
  let unknown = 0;
  const candidates = tryOrder(w, 'AUTH');
  for (const template of candidates) {
    const answer = await w.link.ask(
      line(w, 'AUTH', template, { username: user.username, password: user.password }),
    );
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknown++;
      continue;
    }
    if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') continue;
    const token = findToken(answer.json);
    if (token === undefined) {
      note(
        w,
        'replies.token',
        'assumed',
        `${template.split(' ')[0]} answered OK but no token key was recognised in ${answer.text.trim()}`,
      );
      continue;
    }
    w.commands.AUTH = { request: template };
    w.replies.token = token.key;
    note(w, 'commands.AUTH', 'likely', `${user.username} logged in with this spelling`);
    note(w, 'replies.token', 'likely', `${describeFoundToken(token)} in the login reply`);
    return { user, token: token.token };
  }
  if (unknown === candidates.length) w.unknownEverywhere.add('AUTH');
  return undefined;
}

async function login(w: Work, user: FixtureUser): Promise<Session | undefined> {
  const template = currentTemplate(w, 'AUTH')!;
  const answer = await w.link.ask(
    line(w, 'AUTH', template, { username: user.username, password: user.password }),
  );
  if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') return undefined;
  const value = answer.json[w.replies.token];
  return typeof value === 'string' && value.trim() !== ''
    ? { user, token: value.trim() }
    : undefined;
}

async function readInbox(w: Work, session: Session): Promise<JsonObject | undefined> {
  const template = currentTemplate(w, 'INBOX');
  if (template === undefined) return undefined;
  const answer = await w.link.ask(line(w, 'INBOX', template, { session: session.token }));
  return answer.kind === 'json' && statusOf(answer.json) === 'OK' ? answer.json : undefined;
}

async function findInbox(w: Work, session: Session): Promise<boolean> {
  let unknown = 0;
  const candidates = tryOrder(w, 'INBOX');
  for (const template of candidates) {
    const answer = await w.link.ask(line(w, 'INBOX', template, { session: session.token }));
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
      unknown++;
      continue;
    }
    if (answer.kind === 'json' && statusOf(answer.json) === 'OK') {
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

function learnInboxShape(
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

async function findSend(w: Work, me: Session): Promise<boolean> {
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

function fileData(w: Work): { filename: string; data: string } {
  return {
    filename: `probe-${w.tag}.txt`,
    data: Buffer.from(`chatspec probe ${w.tag}\n`, 'utf8').toString('base64'),
  };
}

async function listFiles(w: Work, session: Session, template: string): Promise<Answer> {
  return w.link.ask(line(w, 'MY_FILE', template, { session: session.token }));
}

async function findFiles(w: Work, me: Session): Promise<void> {
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

function groupFor(
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

async function findGroups(
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
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
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
    if (isUnknownCommand(w, answer, template.split(' ')[0]!)) {
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

function newTag(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}

function check(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new DialectProbeOptionError(
      `${name} must be a whole number from ${min} to ${max}, got ${v}`,
    );
  }
  return v;
}

/** Probes the server at host:port and returns the dialect it speaks, with every finding. */
export async function probeDialect(options: DialectProbeOptions): Promise<DialectProbeResult> {
  const timeoutMs = check('timeoutMs', options.timeoutMs, DEFAULT_PROBE_TIMEOUT_MS, 10, 600_000);
  const budgetMs = check('budgetMs', options.budgetMs, DEFAULT_PROBE_BUDGET_MS, 100, 3_600_000);
  const maxRequests = check(
    'maxRequests',
    options.maxRequests,
    DEFAULT_PROBE_MAX_REQUESTS,
    10,
    10_000,
  );
  const fixture = options.fixture ?? SEED_FIXTURE;
  const base = canonicalDialect.spec;
  const link = new ProbeLink({
    dialer: options.dialer,
    timeoutMs,
    budgetMs,
    maxRequests,
  });
  const w: Work = {
    link,
    data: loadProbeData(),
    fixture,
    tag: options.tag ?? newTag(),
    findings: new Map(),
    commands: { ...base.commands },
    replies: {
      ...base.replies,
      inbox: { ...base.replies.inbox },
      files: { ...base.replies.files },
      download: { ...base.replies.download },
    },
    errors: Object.fromEntries(Object.entries(base.errors).map(([k, v]) => [k, [...v]])),
    seenErrors: new Map(),
    unknownText: undefined,
    unknownEverywhere: new Set(),
  };
  let stopped: string | undefined;
  try {
    await run(w);
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    stopped = error.message;
  } finally {
    link.close();
  }
  if (stopped === undefined && w.findings.get('commands.AUTH') === undefined) {
    stopped = 'could not log in with any spelling tried; nothing else could be probed';
  }
  for (const command of w.unknownEverywhere) {
    if (command === 'AUTH') continue;
    w.commands[command] = 'unsupported';
    note(
      w,
      `commands.${command}`,
      'confirmed',
      'every spelling tried was answered as an unknown command',
    );
  }
  for (const command of COMMAND_NAMES) {
    if (!w.findings.has(`commands.${command}`)) {
      note(w, `commands.${command}`, 'assumed', stopped ? `not probed (${stopped})` : 'not probed');
    }
  }
  const address = options.dialer.address;
  const spec: DialectSpec = {
    name: 'probed',
    description: `Found by chatspec probe at ${address}.`,
    source: `probe ${address}`,
    commands: w.commands,
    replies: w.replies,
    errors: w.errors,
  };
  return {
    address,
    spec,
    dialect: dialectFromSpec(spec, { fixture }),
    findings: [...w.findings.values()],
    requests: link.requests,
    elapsedMs: link.elapsedMs,
    abandoned: link.abandoned,
    ...(stopped !== undefined ? { stopped } : {}),
    ...(link.unreachable !== undefined ? { unreachable: link.unreachable } : {}),
  };
}

async function run(w: Work): Promise<void> {
  // What the server answers to a verb no dialect has: its unknown-command reply.
  const nonsenseVerb = `probe${w.tag}nonsense`;
  const nonsense = await w.link.ask(`${nonsenseVerb} x \r\n`);
  if (nonsense.kind === 'json' && statusOf(nonsense.json) === 'ERROR') {
    const text = textOf(nonsense.json, w.data.textKeys);
    if (text !== undefined) {
      w.unknownText = blankVerb(text.text, nonsenseVerb);
      w.replies.errorText = text.key;
      note(
        w,
        'replies.errorText',
        'confirmed',
        `an unknown verb was answered ERROR ${JSON.stringify(text.text)} under this key`,
      );
    }
  }
  learnError(w, 'UNKNOWN_COMMAND', nonsense, 'a made-up verb');

  const pick = groupFor(w.fixture);
  const meUser = pick?.me ?? w.fixture.users[0]!;
  const me = await findAuth(w, meUser);
  if (me === undefined) return;
  const authTemplate = currentTemplate(w, 'AUTH')!;
  const verb = compileTemplate('AUTH', authTemplate).verb;
  learnError(w, 'MISSING_PARAMS', await w.link.ask(`${verb} \r\n`), `${verb} with no params`);
  learnError(
    w,
    'AUTH_WRONG_PASSWORD',
    await w.link.ask(
      line(w, 'AUTH', authTemplate, {
        username: meUser.username,
        password: `${meUser.password}x${w.tag}`,
      }),
    ),
    'a wrong password',
  );
  learnError(
    w,
    'AUTH_UNKNOWN_USER',
    await w.link.ask(
      line(w, 'AUTH', authTemplate, { username: `probe${w.tag}nobody`, password: 'x' }),
    ),
    'an unknown user',
  );

  if (await findInbox(w, me)) {
    learnError(
      w,
      'UNKNOWN_SESSION',
      await w.link.ask(
        line(w, 'INBOX', currentTemplate(w, 'INBOX')!, { session: `probe${w.tag}nosession` }),
      ),
      'an unknown session',
    );
    // The token is confirmed once a session command accepts it.
    note(
      w,
      'replies.token',
      'confirmed',
      `the token from this key opened ${me.user.username}'s inbox`,
    );
    note(
      w,
      'commands.AUTH',
      'confirmed',
      `${me.user.username} logged in with this spelling and the session worked`,
    );
  }
  if (await findSend(w, me)) {
    learnError(
      w,
      'UNKNOWN_USER',
      await w.link.ask(
        line(w, 'SEND', currentTemplate(w, 'SEND')!, {
          session: me.token,
          to: `probe${w.tag}nobody`,
          text: 'x',
        }),
      ),
      'a message to a user that does not exist',
    );
  }
  await findFiles(w, me);
  if (pick !== undefined) {
    const other = await login(w, pick.other);
    await findGroups(w, me, pick.group, other);
  } else {
    note(
      w,
      'commands.SEND_GROUP',
      'assumed',
      'the fixture has no group with two members to probe with',
    );
  }
}
