/**
 * A Dialect built from a DialectSpec: request lines from its templates, replies read at its
 * keys and in its shapes, normalised to what the harness compares (the document's shapes:
 * oldest first, group messages under the group id, msg_from as the full name).
 */
import { formatRequestLine, type LineStyle } from '../codec/request-line.js';
import { COMMAND_NAMES, type CommandName } from '../commands.js';
import { ERROR_TEXTS, type ErrorCode } from '../errors.js';
import { SEED_FIXTURE, type Fixture } from '../fixture.js';
import type { Request } from '../request.js';
import { paramOf } from '../request.js';
import type {
  Dialect,
  DialectParseResult,
  GroupSource,
  JsonObject,
  Read,
  ReplyStatus,
} from './dialect.js';
import { ANY_PEER } from './dialect.js';
import { inboxReaders } from './inbox-reader.js';
import { describe, isObject, no, ok, stringField } from './reads.js';
import type { DialectSpec } from './spec.js';
import { groupSendIsSend } from './group-send.js';
import {
  GROUP_ACTIONS,
  compileTemplate,
  fillGroupTemplate,
  fillTemplate,
  readParams,
  readVerb,
  type CompiledTemplate,
  type GroupAction,
  type GroupActionValues,
  type Placeholder,
  verbOf,
} from './template.js';

export { describe } from './reads.js';

export interface DialectContext {
  /** Users and groups, for `{members}`, usernames in entries and group messages under senders. */
  readonly fixture?: Fixture;
}

/** Texts sent to member lists that are remembered (member-list dialects); oldest go. */
const MAX_REMEMBERED_GROUP_TEXTS = 10_000;

/** Builds the Dialect a spec describes. */
export function dialectFromSpec(spec: DialectSpec, context: DialectContext = {}): Dialect {
  const fixture = context.fixture ?? SEED_FIXTURE;
  const templates = new Map<CommandName, CompiledTemplate>();
  const byVerb = new Map<string, CompiledTemplate>();
  for (const command of COMMAND_NAMES) {
    const spelled = spec.commands[command];
    if (spelled === 'unsupported') continue;
    const t = compileTemplate(command, spelled.request);
    templates.set(command, t);
    // A send that doubles as a group send is read as SEND; the name tells which it is.
    if (!byVerb.has(t.verb.toLowerCase())) byVerb.set(t.verb.toLowerCase(), t);
  }
  const sendIsGroupSend = groupSendIsSend(spec);
  const groups = spec.groups ?? {};
  const groupSource: GroupSource =
    groups.create !== undefined
      ? 'created'
      : templates.get('SEND_GROUP')?.parts.some((p) => p.kind === 'param' && p.name === 'members')
        ? 'members'
        : 'fixture';
  const actionByVerb = new Map<string, GroupAction>();
  for (const action of GROUP_ACTIONS) {
    const template = groups[action];
    if (template !== undefined) actionByVerb.set(verbOf(template).toLowerCase(), action);
  }
  const { replies } = spec;
  const inboxSpec = replies.inbox;
  const membersOf = new Map(fixture.groups.map((g) => [g.id, g.members]));
  const where = spec.source ?? 'built in code';

  const ruleAt = (path: string): string => {
    const line = spec.lines?.[path];
    return `${spec.name} (${where}${line !== undefined ? `:${line}` : ''}) ${path}`;
  };

  /**
   * Texts sent to a member list, by text: a member-list server lists a group message as a
   * personal one from its sender, so the reader puts the ones sent to a group back under it.
   */
  const sentToMembers = new Map<string, string>();
  const remembersGroupTexts = groupSource === 'members' && inboxSpec.groupKey === 'sender';

  const formatRequest = (request: Request, style?: LineStyle): string => {
    const t = templates.get(request.command);
    if (t === undefined) return formatRequestLine(request, style);
    if (remembersGroupTexts && request.command === 'SEND_GROUP') {
      if (sentToMembers.size >= MAX_REMEMBERED_GROUP_TEXTS) {
        sentToMembers.delete(sentToMembers.keys().next().value!);
      }
      sentToMembers.set(request.text.trim(), request.group);
    }
    const words = fillTemplate(t, (name: Placeholder) => {
      if (name === 'members') {
        const group = paramOf(request, 'group') ?? '';
        return membersOf.get(group)?.join(',') ?? group;
      }
      return paramOf(request, name);
    });
    const s = style ?? { trailingSpace: true, eol: '\r\n' };
    return words.join(' ') + (s.trailingSpace ? ' ' : '') + s.eol;
  };

  const parseRequest = (line: string): DialectParseResult => {
    const { verb, end } = readVerb(line);
    const t = byVerb.get(verb.toLowerCase());
    if (t === undefined) return { ok: false, error: 'UNKNOWN_COMMAND', verb };
    const values = readParams(t, line, end);
    if (values === undefined) return { ok: false, error: 'MISSING_PARAMS', command: t.command };
    const fields: Record<string, string> = { command: t.command };
    for (const [k, v] of Object.entries(values)) if (k !== 'members') fields[k] = v;
    let members: string[] | undefined;
    if (values.members !== undefined) {
      members = values.members.split(',').filter((m) => m.length > 0);
      fields.group = '';
    }
    const peerOmitted = t.command === 'DOWNLOAD_FILE' && values.peer === undefined;
    if (peerOmitted) fields.peer = '';
    const request = fields as unknown as Request;
    return {
      ok: true,
      request,
      ...(members !== undefined ? { members } : {}),
      ...(peerOmitted ? { peerOmitted: true } : {}),
      ...(sendIsGroupSend && t.command === 'SEND' ? { toMayBeGroup: true } : {}),
    };
  };

  const formatGroupRequest = (
    action: GroupAction,
    values: GroupActionValues,
  ): string | undefined => {
    const template = groups[action];
    return template === undefined
      ? undefined
      : `${fillGroupTemplate(template, values).join(' ')} \r\n`;
  };

  const parseGroupRequest = (
    line: string,
  ): { action: GroupAction; values: GroupActionValues } | undefined => {
    const words = line.trim().split(/\s+/);
    const action = actionByVerb.get((words[0] ?? '').toLowerCase());
    if (action === undefined) return undefined;
    const names = groups[action]!.trim().split(/\s+/);
    const out: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const m = /^\{([a-z]+)\}$/.exec(name);
      if (m !== null) out[m[1]!] = words[i] ?? '';
    }
    return { action, values: out as unknown as GroupActionValues };
  };

  const readFileList = (reply: JsonObject): Read<ReadonlyMap<string, readonly string[]>> => {
    const key = replies.files.key;
    const value = reply[key];
    if (replies.files.shape === 'list') {
      if (!Array.isArray(value) || !value.every((n) => typeof n === 'string')) {
        return no(
          `"${key}" is ${Array.isArray(value) ? 'not an array of filenames' : `${describe(value)}, not an array`}`,
        );
      }
      return ok(new Map([[ANY_PEER, value as string[]]]), 'replies.files.shape');
    }
    if (!isObject(value)) return no(`"${key}" is ${describe(value)}, not an object`);
    const out = new Map<string, string[]>();
    for (const [peer, names] of Object.entries(value)) {
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
        return no(`"${key}.${peer}" is not an array of filenames`);
      }
      out.set(peer, names as string[]);
    }
    return ok(out);
  };

  const { readInbox, readGroupInbox } = inboxReaders(spec, fixture, sentToMembers);

  const textsOf = (code: ErrorCode): readonly string[] => spec.errors[code] ?? [ERROR_TEXTS[code]];
  const norm = (t: string): string => t.trim().toLowerCase();
  const errorCodes = Object.keys(ERROR_TEXTS) as ErrorCode[];

  const dialect: Dialect = {
    name: spec.name,
    spec,
    supports: (command: CommandName) => templates.has(command),
    formatRequest,
    parseRequest,
    groupSource,
    formatGroupRequest,
    parseGroupRequest,
    readGroupInbox,
    readStatus(reply: JsonObject): Read<ReplyStatus> {
      const status = reply.status;
      if (status === 'OK' || status === 'ERROR') return ok(status);
      return no(
        `"status" is ${typeof status === 'string' ? JSON.stringify(status) : describe(status)}, not "OK" or "ERROR"`,
      );
    },
    readErrorText: (reply: JsonObject) => stringField(reply, replies.errorText),
    readOkText: (reply: JsonObject) => stringField(reply, replies.okText),
    readToken(reply: JsonObject): Read<string> {
      const key = replies.token;
      const token = stringField(reply, key);
      if (!token.ok) return token;
      if (token.value.trim().length === 0) return no(`"${key}" is empty`);
      return ok(token.value.trim());
    },
    readInbox,
    readFileList,
    readDownload(reply: JsonObject): Read<{ filename: string; data: string; text?: string }> {
      const d = replies.download;
      const filename = stringField(reply, d.filename);
      if (!filename.ok) return filename;
      const data = stringField(reply, d.data);
      if (!data.ok) return data;
      // The seed's own log shows a space before the data; base64 has no spaces to lose.
      const value: { filename: string; data: string; text?: string } = {
        filename: filename.value,
        data: data.value.trim(),
      };
      const text = d.text === undefined ? undefined : reply[d.text];
      if (typeof text === 'string') value.text = text;
      return ok(value);
    },
    errorTexts: textsOf,
    isErrorText: (code: ErrorCode, text: string) =>
      textsOf(code).some((t) => norm(t) === norm(text)),
    errorCodeOf: (text: string) =>
      errorCodes.find((c) => textsOf(c).some((t) => norm(t) === norm(text))),
    ruleAt,
  };
  return Object.freeze(dialect);
}
