/**
 * What one probe run knows so far, shared by the probe's steps: the settings decided, the
 * findings behind them, and the line and session helpers every step uses.
 */
import {
  compileTemplate,
  type CommandName,
  type CommandSpelling,
  type ErrorCode,
  type Fixture,
  type FixtureUser,
  type GroupsSpec,
  type InboxSpec,
  type JsonObject,
  type Placeholder,
} from '../../specs/index.js';
import type { Answer, ProbeLink } from './link.js';
import { statusOf, textOf } from './observe.js';
import { describeFoundToken, findToken } from '../learn/token.js';
import { isUnknownCommandReply } from '../learn/unknown-command.js';
import type { ProbeData } from './probes.js';
import { rememberInbox, type Traces } from './changes.js';

export type Confidence = 'confirmed' | 'likely' | 'assumed';

/** One setting the probe decided, how sure it is, and why. */
export interface Finding {
  /** Dotted path in the dialect file: `commands.SEND`, `replies.token`, `errors.UNKNOWN_GROUP`. */
  readonly path: string;
  readonly confidence: Confidence;
  readonly note: string;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Work {
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
  /** How groups are made, joined and read, where the server has requests for that. */
  readonly groups: Mutable<GroupsSpec>;
  /** What the probe did to the server that outlasts it (see changes.ts). */
  readonly traces: Traces;
  readonly errors: Partial<Record<ErrorCode, string[]>>;
  /** Texts seen per error, so one text is never taken for two errors. */
  readonly seenErrors: Map<string, ErrorCode>;
  unknownText: string | undefined;
  /** Commands whose every spelling was answered as an unknown command. */
  readonly unknownEverywhere: Set<CommandName>;
}

export function note(w: Work, path: string, confidence: Confidence, text: string): void {
  w.findings.set(path, { path, confidence, note: text });
}

export function line(
  w: Work,
  command: CommandName,
  template: string,
  values: Partial<Record<Placeholder, string>>,
): string {
  const t = compileTemplate(command, template);
  const words = [t.verb];
  for (const part of t.parts) {
    if (part.kind === 'literal') words.push(part.word);
    else if (part.name === 'members' && values.members === undefined) {
      const group = w.fixture.groups.find((g) => g.id === values.group);
      words.push(group ? group.members.join(',') : (values.group ?? ''));
    } else words.push(values[part.name] ?? '');
  }
  return `${words.join(' ')} \r\n`;
}

export function currentTemplate(w: Work, command: CommandName): string | undefined {
  const c = w.commands[command];
  return c === 'unsupported' ? undefined : c.request;
}

export function isUnknownCommand(w: Work, answer: Answer, verb: string): boolean {
  if (answer.kind !== 'json' || statusOf(answer.json) !== 'ERROR') return false;
  const text = textOf(answer.json, w.data.textKeys)?.text;
  if (text === undefined) return false;
  return isUnknownCommandReply(
    text,
    verb,
    w.unknownText === undefined ? undefined : { text: w.unknownText, distinct: true },
  );
}

export function tryOrder(w: Work, command: CommandName): readonly string[] {
  return w.data.templates[command];
}

export interface Session {
  readonly user: FixtureUser;
  readonly token: string;
}

export async function findAuth(w: Work, user: FixtureUser): Promise<Session | undefined> {
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

export async function login(w: Work, user: FixtureUser): Promise<Session | undefined> {
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

export async function readInbox(w: Work, session: Session): Promise<JsonObject | undefined> {
  const template = currentTemplate(w, 'INBOX');
  if (template === undefined) return undefined;
  const answer = await w.link.ask(line(w, 'INBOX', template, { session: session.token }));
  if (answer.kind !== 'json' || statusOf(answer.json) !== 'OK') return undefined;
  rememberInbox(w.traces, session.user.username, answer.json, w.data.listKeys);
  return answer.json;
}
