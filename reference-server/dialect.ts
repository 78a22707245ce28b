/**
 * The reference server speaking a dialect: request lines read by the dialect's templates,
 * replies written in its keys and shapes, and, for a server whose inbox reading never
 * empties, the history it keeps listing. The model stays canonical; this sits at the parse
 * and reply stages only.
 */
import {
  dialectFromSpec,
  renderReply,
  resolveDialectSpec,
  type ChatState,
  type CommandName,
  type Dialect,
  type DialectSpec,
  type ErrorCode,
  type Fixture,
  type FixtureGroup,
  type InboxEntry,
  type ParseResult,
} from '../specs/index.js';

export interface ServerDialect {
  readonly dialect: Dialect;
  /** Reads a line as the dialect spells it, resolving group member lists and flat downloads. */
  parse(line: string, state: ChatState): ParseResult;
  /**
   * The reply to a line of a group's life (make, join, read a separate group inbox: the
   * dialect's groups section), already in the dialect's spelling; undefined for other lines.
   */
  groupAction(line: string, state: ChatState): Readonly<Record<string, unknown>> | undefined;
  /** A canonical reply to the parsed line, in the dialect's spelling. */
  render(
    reply: Readonly<Record<string, unknown>>,
    parsed: ParseResult,
    state: ChatState,
  ): Readonly<Record<string, unknown>>;
}

/** Groups a server may hold, made through the dialect or the fixture's. */
const MAX_GROUPS = 10_000;
/** Members one group may have. */
const MAX_GROUP_MEMBERS = 10_000;

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((m) => set.has(m));
}

/** `DialectSpec` as given, or a built-in name or file path (`--dialect`). */
export function serverDialect(given: DialectSpec | string, fixture: Fixture): ServerDialect {
  const spec = typeof given === 'string' ? resolveDialectSpec(given) : given;
  const dialect = dialectFromSpec(spec, { fixture });
  const keepsInbox = !spec.replies.inbox.destructive;
  /** Everything each user was ever shown, oldest first (non-destructive inboxes only). */
  const history = new Map<string, Map<string, InboxEntry[]>>();
  const usernameByFullName = new Map(fixture.users.map((u) => [u.name, u.username]));

  /** Group messages held for a separate group inbox: user -> group id -> entries. */
  const groupInboxes = new Map<string, Map<string, InboxEntry[]>>();
  /** Passwords of the groups made through the dialect (fixture groups have none). */
  const passwords = new Map<string, string>();
  const separateGroupInbox = spec.groups?.inbox !== undefined;
  const joinsWithPassword = spec.groups?.join?.includes('{password}') === true;

  const okReply = (text: string) => ({ status: 'OK', [spec.replies.okText]: text });
  const errorOf = (code: ErrorCode) => ({
    status: 'ERROR',
    [spec.replies.errorText]: dialect.errorTexts(code)[0]!,
  });

  const groupAction = (
    line: string,
    state: ChatState,
  ): Readonly<Record<string, unknown>> | undefined => {
    const read = dialect.parseGroupRequest(line);
    if (read === undefined) return undefined;
    const { action, values } = read;
    if (values.session === '' || values.group === '') return errorOf('MISSING_PARAMS');
    const user = state.sessions.get(values.session);
    if (user === undefined) return errorOf('UNKNOWN_SESSION');
    // The model's group table: groups made here join the fixture's, within a bound.
    const groups = state.groups as Map<string, FixtureGroup>;
    const group = groups.get(values.group);
    if (action === 'inbox') {
      if (group === undefined) return errorOf('UNKNOWN_GROUP');
      const held = groupInboxes.get(user)?.get(values.group) ?? [];
      groupInboxes.get(user)?.delete(values.group);
      return { status: 'OK', [spec.groups?.inboxKey ?? 'message']: held };
    }
    if (action === 'create' && group === undefined) {
      if (groups.size >= MAX_GROUPS) return errorOf('STORAGE_FULL');
      groups.set(values.group, { id: values.group, name: values.group, members: [user] });
      // A password counts only where joining names one.
      if (joinsWithPassword) passwords.set(values.group, values.password ?? '');
      return okReply('Group Created');
    }
    if (group === undefined) return errorOf('UNKNOWN_GROUP');
    const password = passwords.get(values.group);
    if (password !== undefined && password !== (values.password ?? '')) {
      return errorOf('AUTH_WRONG_PASSWORD');
    }
    if (!group.members.includes(user)) {
      if (group.members.length >= MAX_GROUP_MEMBERS) return errorOf('STORAGE_FULL');
      groups.set(values.group, { ...group, members: [...group.members, user] });
    }
    return okReply('Joined');
  };

  const parse = (line: string, state: ChatState): ParseResult => {
    const read = dialect.parseRequest(line);
    if (!read.ok) return read;
    let request = read.request;
    if (read.members !== undefined && 'group' in request) {
      const members = read.members;
      const group = [...state.groups.values()].find((g) => sameMembers(g.members, members));
      // No group has exactly these members: the model answers an unknown group.
      request = { ...request, group: group?.id ?? members.join(',') };
    }
    // A send that doubles as a group send: the name tells which it is, a user's first.
    if (
      read.toMayBeGroup &&
      request.command === 'SEND' &&
      !state.users.has(request.to) &&
      state.groups.has(request.to)
    ) {
      request = {
        command: 'SEND_GROUP',
        session: request.session,
        group: request.to,
        text: request.text,
      };
    }
    if (read.peerOmitted && request.command === 'DOWNLOAD_FILE') {
      const user = state.sessions.get(request.session);
      const repo = user === undefined ? undefined : state.repositories.get(user);
      const name = request.filename;
      let peer = '';
      for (const [p, files] of repo ?? []) if (files.has(name)) peer = p;
      request = { ...request, peer };
    }
    return { ok: true, request };
  };

  const render = (
    reply: Readonly<Record<string, unknown>>,
    parsed: ParseResult,
    state: ChatState,
  ): Readonly<Record<string, unknown>> => {
    const command: CommandName | undefined = parsed.ok ? parsed.request.command : undefined;
    let wire = reply;
    if (
      separateGroupInbox &&
      parsed.ok &&
      parsed.request.command === 'INBOX' &&
      reply.status === 'OK'
    ) {
      // Group messages go to the group inbox, never to INBOX.
      const user = state.sessions.get(parsed.request.session);
      const fresh = reply.messages as Readonly<Record<string, readonly InboxEntry[]>> | undefined;
      if (user !== undefined && fresh !== undefined && typeof fresh === 'object') {
        const personal: Record<string, readonly InboxEntry[]> = {};
        const held = groupInboxes.get(user) ?? new Map<string, InboxEntry[]>();
        groupInboxes.set(user, held);
        for (const [key, entries] of Object.entries(fresh)) {
          if (!state.groups.has(key)) {
            personal[key] = entries;
            continue;
          }
          const list = held.get(key) ?? [];
          list.push(...entries);
          // The same bound as an unread inbox, so a held group inbox cannot grow without limit.
          if (list.length > state.limits.maxInboxMessages) {
            list.splice(0, list.length - state.limits.maxInboxMessages);
          }
          held.set(key, list);
        }
        wire = { ...reply, messages: personal };
      }
    }
    if (keepsInbox && parsed.ok && parsed.request.command === 'INBOX' && reply.status === 'OK') {
      const user = state.sessions.get(parsed.request.session);
      const fresh = reply.messages as Readonly<Record<string, readonly InboxEntry[]>> | undefined;
      if (user !== undefined && fresh !== undefined && typeof fresh === 'object') {
        const kept = history.get(user) ?? new Map<string, InboxEntry[]>();
        history.set(user, kept);
        for (const [key, entries] of Object.entries(fresh)) {
          const list = kept.get(key) ?? [];
          list.push(...entries);
          // The same bound as an unread inbox, so a history cannot grow without limit.
          if (list.length > state.limits.maxInboxMessages) {
            list.splice(0, list.length - state.limits.maxInboxMessages);
          }
          kept.set(key, list);
        }
        wire = { ...reply, messages: Object.fromEntries(kept) };
      }
    }
    return renderReply(spec, command, wire, {
      isGroup: (key) => state.groups.has(key),
      usernameOf: (fullName) => usernameByFullName.get(fullName),
    });
  };

  return { dialect, parse, groupAction, render };
}
