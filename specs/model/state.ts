/**
 * The server's state. Mutable for speed (the reference server applies thousands of requests
 * a second to it); `cloneState` gives the copies that the pure transition and the fuzzer's
 * interleaving search need. File data is held as the base64 text received, so a download
 * returns exactly the bytes that were sent, and copies share one string.
 */
import type { Fixture, FixtureGroup, FixtureUser } from '../fixture.js';
import type { InboxEntry } from '../reply.js';
import { DEFAULT_LIMITS, type ModelLimits } from './limits.js';

/** Unread messages keyed by sender username (personal) or group id (group), in arrival order. */
export type Inbox = Map<string, InboxEntry[]>;

/** Received files: peer (sender username, or group id) -> filename -> base64 data. */
export type Repository = Map<string, Map<string, string>>;

export interface ChatState {
  readonly limits: ModelLimits;
  readonly users: ReadonlyMap<string, FixtureUser>;
  readonly groups: ReadonlyMap<string, FixtureGroup>;
  /** token -> username, oldest first (eviction order). */
  readonly sessions: Map<string, string>;
  readonly inboxes: Map<string, Inbox>;
  /** Unread message count per username, so the inbox cap costs O(1). */
  readonly inboxCounts: Map<string, number>;
  /** Characters of unread message text per username, so a read frees exactly its share. */
  readonly inboxChars: Map<string, number>;
  readonly repositories: Map<string, Repository>;
  storedFileBytes: number;
  /** Characters of unread message text across all inboxes (limits.maxStoredMessageChars). */
  storedMessageChars: number;
}

export function createState(fixture: Fixture, limits: ModelLimits = DEFAULT_LIMITS): ChatState {
  return {
    limits,
    users: new Map(fixture.users.map((u) => [u.username, u])),
    groups: new Map(fixture.groups.map((g) => [g.id, g])),
    sessions: new Map(),
    inboxes: new Map(),
    inboxCounts: new Map(),
    inboxChars: new Map(),
    repositories: new Map(),
    storedFileBytes: 0,
    storedMessageChars: 0,
  };
}

/** A deep copy of everything a request can change; users, groups and entries are shared. */
export function cloneState(state: ChatState): ChatState {
  const inboxes = new Map<string, Inbox>();
  for (const [user, inbox] of state.inboxes) {
    inboxes.set(user, new Map([...inbox].map(([key, entries]) => [key, [...entries]])));
  }
  const repositories = new Map<string, Repository>();
  for (const [user, repo] of state.repositories) {
    repositories.set(user, new Map([...repo].map(([peer, files]) => [peer, new Map(files)])));
  }
  return {
    limits: state.limits,
    users: state.users,
    groups: state.groups,
    sessions: new Map(state.sessions),
    inboxes,
    inboxCounts: new Map(state.inboxCounts),
    inboxChars: new Map(state.inboxChars),
    repositories,
    storedFileBytes: state.storedFileBytes,
    storedMessageChars: state.storedMessageChars,
  };
}
