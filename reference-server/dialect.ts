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
  type Fixture,
  type InboxEntry,
  type ParseResult,
} from '../specs/index.js';

export interface ServerDialect {
  readonly dialect: Dialect;
  /** Reads a line as the dialect spells it, resolving group member lists and flat downloads. */
  parse(line: string, state: ChatState): ParseResult;
  /** A canonical reply to the parsed line, in the dialect's spelling. */
  render(
    reply: Readonly<Record<string, unknown>>,
    parsed: ParseResult,
    state: ChatState,
  ): Readonly<Record<string, unknown>>;
}

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

  return { dialect, parse, render };
}
