/**
 * The fuzzer's oracle: the executable model of specs/ plus what the model cannot know by
 * itself. Real servers and the model issue different tokens, so the model adopts the token
 * the server returned for every successful auth; sessions keep a readable label (`messi`,
 * `login2`) for the printed steps; files that were already on the server when the run started
 * are known by name only until a download shows their content.
 */
import { cloneState, createState, type ChatState, type Fixture } from '../../specs/index.js';

/** Content of a file learned by name from my_file: any data is accepted, then adopted. */
export const UNKNOWN_DATA = '\u0000unknown';

/**
 * The server's limits are not known, so the model has none: a run never comes near the
 * reference server's, and a server that refuses sooner is reported, not guessed at.
 */
const NO_LIMITS = Object.freeze({
  maxSessions: Number.MAX_SAFE_INTEGER,
  maxInboxMessages: Number.MAX_SAFE_INTEGER,
  maxStoredFileBytes: Number.MAX_SAFE_INTEGER,
  maxStoredMessageChars: Number.MAX_SAFE_INTEGER,
});

/** What resolving a step needs to know about sessions; a parallel branch has its own. */
export interface SessionView {
  /** The session the user got when the run started. */
  tokenOfUser(username: string): string | undefined;
  /** Tokens from auth steps, in order. */
  readonly logins: readonly string[];
  /** `messi`, `login2`: how a token is shown. */
  labelOf(token: string): string | undefined;
}

export class FuzzModel implements SessionView {
  state: ChatState;
  readonly #userTokens: Map<string, string>;
  readonly #labels: Map<string, string>;
  readonly #logins: string[];
  /** `owner\0peer\0filename` of files the owner holds as the sender's own copy. */
  readonly #ownCopies: Set<string>;
  /**
   * The data last received under `owner\0peer\0filename`. A server that keeps no sender's
   * copy still holds it after the owner sent a file of the same name the other way.
   */
  readonly #received: Map<string, string>;
  /** Label prefix for sessions from auth steps (`login`, or `b2_login` in a branch). */
  readonly loginPrefix: string;

  private constructor(
    state: ChatState,
    userTokens: Map<string, string>,
    labels: Map<string, string>,
    logins: string[],
    loginPrefix: string,
    ownCopies: Set<string>,
    received: Map<string, string>,
  ) {
    this.state = state;
    this.#userTokens = userTokens;
    this.#labels = labels;
    this.#logins = logins;
    this.#ownCopies = ownCopies;
    this.#received = received;
    this.loginPrefix = loginPrefix;
  }

  static create(fixture: Fixture): FuzzModel {
    return new FuzzModel(
      createState(fixture, NO_LIMITS),
      new Map(),
      new Map(),
      [],
      'login',
      new Set(),
      new Map(),
    );
  }

  get logins(): readonly string[] {
    return this.#logins;
  }

  tokenOfUser(username: string): string | undefined {
    return this.#userTokens.get(username);
  }

  labelOf(token: string): string | undefined {
    return this.#labels.get(token);
  }

  /** The run-start session of a user, learned before the first step. */
  adoptUserSession(username: string, token: string): void {
    this.#userTokens.set(username, token);
    this.#labels.set(token, username);
    this.state.sessions.set(token, username);
  }

  /** A session an auth step created (the model has already stored it under this token). */
  recordLogin(token: string): string {
    this.#logins.push(token);
    const label = `${this.loginPrefix}${this.#logins.length}`;
    this.#labels.set(token, label);
    return label;
  }

  /** A file the server already held, by name: its content is not known. */
  learnFile(owner: string, peer: string, filename: string): void {
    let repo = this.state.repositories.get(owner);
    if (repo === undefined) {
      repo = new Map();
      this.state.repositories.set(owner, repo);
    }
    let files = repo.get(peer);
    if (files === undefined) {
      files = new Map();
      repo.set(peer, files);
    }
    files.set(filename, UNKNOWN_DATA);
    // Received or the owner's own copy, the listing cannot say; what it holds is unknown.
    this.#received.set(ownKey(owner, peer, filename), UNKNOWN_DATA);
  }

  /** A downloaded file whose content was unknown: from now on it must stay this. */
  adoptFileData(owner: string, peer: string, filename: string, data: string): void {
    const files = this.state.repositories.get(owner)?.get(peer);
    if (files?.get(filename) === UNKNOWN_DATA) files.set(filename, data);
    const key = ownKey(owner, peer, filename);
    if (this.#received.get(key) === UNKNOWN_DATA) this.#received.set(key, data);
  }

  /**
   * A file sent and stored: the sender's copy is its own (SENDFILE-4, GROUPFILE-4, SHOULDs),
   * what the others hold under the same name is received (a MUST). Call after the model took
   * the request.
   */
  recordFileSent(
    filename: string,
    data: string,
    own: ReadonlyArray<readonly [owner: string, peer: string]>,
    received: ReadonlyArray<readonly [owner: string, peer: string]>,
  ): void {
    for (const [owner, peer] of received) {
      const key = ownKey(owner, peer, filename);
      this.#ownCopies.delete(key);
      this.#received.set(key, data);
    }
    for (const [owner, peer] of own) this.#ownCopies.add(ownKey(owner, peer, filename));
  }

  isOwnCopy(owner: string, peer: string, filename: string): boolean {
    return this.#ownCopies.has(ownKey(owner, peer, filename));
  }

  /**
   * What the owner received under this name before its own copy replaced it in the model:
   * a server that keeps no sender's copy still holds this. Undefined when the file is not an
   * own copy, or nothing was received under the name.
   */
  receivedBeforeOwnCopy(owner: string, peer: string, filename: string): string | undefined {
    const key = ownKey(owner, peer, filename);
    return this.#ownCopies.has(key) ? this.#received.get(key) : undefined;
  }

  /**
   * The server keeps no sender's copy (a SHOULD it may miss): the model forgets this one, so
   * a later download's refusal is not taken for a lost file.
   */
  dropOwnCopy(owner: string, peer: string, filename: string): void {
    const key = ownKey(owner, peer, filename);
    if (!this.#ownCopies.delete(key)) return;
    const files = this.state.repositories.get(owner)?.get(peer);
    const received = this.#received.get(key);
    if (received !== undefined) {
      // The file received earlier under this name is what such a server still holds.
      files?.set(filename, received);
      return;
    }
    files?.delete(filename);
    if (files?.size === 0) this.state.repositories.get(owner)?.delete(peer);
  }

  clone(loginPrefix = this.loginPrefix): FuzzModel {
    return new FuzzModel(
      cloneState(this.state),
      new Map(this.#userTokens),
      new Map(this.#labels),
      [...this.#logins],
      loginPrefix,
      new Set(this.#ownCopies),
      new Map(this.#received),
    );
  }

  /**
   * What a later step can observe, as a string: equal fingerprints mean equal futures, which
   * lets the interleaving search skip states it has seen. `intern` turns file data into
   * small numbers so a 60 KiB file costs one map lookup, not a 60 KiB key.
   */
  fingerprint(intern: (data: string) => number): string {
    const parts: string[] = [];
    for (const [user, box] of [...this.state.inboxes].sort(byKey)) {
      parts.push(`i:${user}`);
      for (const [key, entries] of [...box].sort(byKey)) {
        parts.push(`${key}=${entries.map((e) => JSON.stringify(e.msg)).join(',')}`);
      }
    }
    for (const [owner, repo] of [...this.state.repositories].sort(byKey)) {
      parts.push(`r:${owner}`);
      for (const [peer, files] of [...repo].sort(byKey)) {
        parts.push(`${peer}=${[...files].map(([f, d]) => `${f}:${intern(d)}`).join(',')}`);
      }
    }
    // An own copy's shadowed file decides what a server without own copies returns later.
    for (const key of [...this.#ownCopies].sort()) {
      const received = this.#received.get(key);
      if (received !== undefined) parts.push(`o:${key}=${intern(received)}`);
    }
    parts.push(`s:${this.state.sessions.size}`);
    return parts.join('\n');
  }
}

function ownKey(owner: string, peer: string, filename: string): string {
  return `${owner}\u0000${peer}\u0000${filename}`;
}

function byKey<T>(a: readonly [string, T], b: readonly [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
