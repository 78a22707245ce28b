/**
 * One browser tab's session: its ChatSession to the target, the inbox polling that brings
 * new messages, and the answers to what the page asks. The page only names actions; every
 * request line is built here through the Dialect layer.
 */
import type { WebSocket } from 'ws';
import type { Request } from '../../specs/index.js';
import { inboxMessages } from '../rooms.js';
import { ChatSession, type CallResult, type WireRecord } from '../session.js';
import { maxFileBytes, type BridgeOptions } from './options.js';
import { parsePageMessage } from './page-messages.js';
import type { BridgeMessage, FileEntry, OpValue, PageMessage } from './protocol.js';

/** Bytes queued to a page past which protocol-pane records are dropped (a page not reading). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How often a page that is not logged in checks that the target is back. */
const RECONNECT_MS = 1000;

type Answer = { ok: true; value: OpValue } | { ok: false; error: string; fromServer: boolean };

function failure(result: Exclude<CallResult, { kind: 'ok' }>): Answer {
  return result.kind === 'error'
    ? { ok: false, error: result.text, fromServer: true }
    : { ok: false, error: result.reason, fromServer: false };
}

/** Characters of a long line (a file's base64) kept at each end in the pane. */
const PANE_KEEP_CHARS = 160;

function elide(text: string): string {
  if (text.length <= 3 * PANE_KEEP_CHARS) return text;
  const cut = text.length - 2 * PANE_KEEP_CHARS;
  return `${text.slice(0, PANE_KEEP_CHARS)}…[${cut} characters not shown]…${text.slice(-PANE_KEEP_CHARS)}`;
}

/** A wire record with huge lines cut to their ends; the byte counts still say the whole. */
function forPane(record: WireRecord): WireRecord {
  if (record.kind !== 'exchange') return record;
  const sent = elide(record.sent);
  const received = record.received === undefined ? undefined : elide(record.received);
  return { ...record, sent, ...(received === undefined ? {} : { received }) };
}

export class PageSession {
  readonly #ws: WebSocket;
  readonly #options: BridgeOptions;
  readonly #session: ChatSession;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(ws: WebSocket, options: BridgeOptions) {
    this.#ws = ws;
    this.#options = options;
    this.#session = new ChatSession(
      {
        dialer: options.target,
        dialect: options.dialect,
        timeoutMs: options.timeoutMs,
        maxReplyBytes: options.maxReplyBytes,
        maxLineBytes: options.maxMessageBytes,
        maxPendingRequests: options.maxPendingRequests,
        fixture: options.fixture,
      },
      {
        onWire: (record) => {
          if (this.#ws.bufferedAmount < MAX_BUFFERED_BYTES)
            this.#push({ type: 'wire', record: forPane(record) });
        },
        onTargetChange: (up, reason) =>
          this.#push({ type: 'target', up, ...(reason === undefined ? {} : { reason }) }),
        onLoggedOut: (reason) => this.#push({ type: 'loggedOut', reason }),
      },
    );
  }

  get target(): string {
    return this.#session.target;
  }

  async start(): Promise<void> {
    const up = await this.#session.connect();
    const { fixture } = this.#options;
    this.#push({
      type: 'hello',
      target: this.#session.target,
      dialect: this.#options.dialect.name,
      users: fixture.users.map((u) => ({ username: u.username, name: u.name })),
      groups: fixture.groups.map((g) => ({ id: g.id, name: g.name, members: [...g.members] })),
      pollMs: this.#options.pollMs,
      maxFileBytes: maxFileBytes(this.#options.maxMessageBytes),
      up,
    });
    this.#schedule();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#session.close();
  }

  async handle(raw: string): Promise<void> {
    const parsed = parsePageMessage(raw, this.#session.target);
    if (!parsed.ok) {
      this.#push({
        type: 'refused',
        ...(parsed.id === undefined ? {} : { id: parsed.id }),
        reason: parsed.reason,
      });
      return;
    }
    const answer = await this.#answer(parsed.message);
    this.#push({ type: 'answer', id: parsed.message.id, ...answer });
  }

  async #answer(message: PageMessage): Promise<Answer> {
    const call = (build: (session: string) => Request): Promise<CallResult> =>
      this.#session.call(build);
    switch (message.op) {
      case 'login': {
        this.#session.logout();
        const result = await this.#session.login(message.username, message.password);
        if (result.kind !== 'ok') return failure(result);
        // A token the dialect cannot read is a failure the session has already reported.
        if (this.#session.username === undefined)
          return { ok: false, error: 'login reply has no token', fromServer: false };
        const name =
          this.#options.fixture.users.find((u) => u.username === message.username)?.name ??
          message.username;
        this.#options.log?.(`page logged in as ${message.username}`);
        this.#schedule(0);
        return { ok: true, value: { op: 'login', username: message.username, name } };
      }
      case 'logout':
        this.#session.logout();
        return { ok: true, value: { op: 'done' } };
      case 'send':
        return this.#sent(
          await call((session) => ({
            command: 'SEND',
            session,
            to: message.to,
            text: message.text,
          })),
        );
      case 'sendGroup':
        return this.#sent(
          await call((session) => ({
            command: 'SEND_GROUP',
            session,
            group: message.group,
            text: message.text,
          })),
        );
      case 'sendFile':
        return this.#sent(
          await call((session) => ({
            command: 'SEND_FILE',
            session,
            to: message.to,
            filename: message.filename,
            data: message.data,
          })),
        );
      case 'sendGroupFile':
        return this.#sent(
          await call((session) => ({
            command: 'SEND_GROUP_FILE',
            session,
            group: message.group,
            filename: message.filename,
            data: message.data,
          })),
        );
      case 'myFiles': {
        const result = await call((session) => ({ command: 'MY_FILE', session }));
        if (result.kind !== 'ok') return failure(result);
        const list = this.#options.dialect.readFileList(result.reply);
        if (!list.ok)
          return { ok: false, error: `my_file reply: ${list.reason}`, fromServer: false };
        const files: FileEntry[] = [];
        for (const [peer, names] of list.value)
          for (const filename of names) files.push({ peer, filename });
        return { ok: true, value: { op: 'files', files } };
      }
      case 'download': {
        const result = await call((session) => ({
          command: 'DOWNLOAD_FILE',
          session,
          peer: message.peer,
          filename: message.filename,
        }));
        if (result.kind !== 'ok') return failure(result);
        const file = this.#options.dialect.readDownload(result.reply);
        if (!file.ok)
          return { ok: false, error: `download_file reply: ${file.reason}`, fromServer: false };
        return {
          ok: true,
          value: { op: 'download', filename: message.filename, data: file.value.data },
        };
      }
    }
  }

  #sent(result: CallResult): Answer {
    if (result.kind !== 'ok') return failure(result);
    const text = this.#options.dialect.readOkText(result.reply);
    return { ok: true, value: text.ok ? { op: 'sent', text: text.value } : { op: 'sent' } };
  }

  /** The background loop: poll the inbox when logged in, else make sure the target is there. */
  #schedule(delayMs?: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    const wait =
      delayMs ?? (this.#session.username === undefined ? RECONNECT_MS : this.#options.pollMs);
    this.#timer = setTimeout(() => void this.#tick(), wait);
  }

  async #tick(): Promise<void> {
    if (this.#closed) return;
    try {
      const me = this.#session.username;
      if (me === undefined) {
        if (!this.#session.connected || !this.#session.up) await this.#session.connect();
        return;
      }
      const result = await this.#session.call((session) => ({ command: 'INBOX', session }), true);
      if (result.kind !== 'ok') return;
      const inbox = this.#options.dialect.readInbox(result.reply, this.#session.token);
      if (!inbox.ok) {
        this.#push({
          type: 'wire',
          record: {
            kind: 'event',
            seq: 0,
            atMs: Date.now(),
            text: `inbox reply unreadable: ${inbox.reason}`,
          },
        });
        return;
      }
      const messages = inboxMessages(inbox.value, this.#options.fixture, me, Date.now())
        // The sender's own copy of a group message: the page showed it when it was sent.
        .filter((m) => !(m.mine && m.room.kind === 'group'));
      if (messages.length > 0) this.#push({ type: 'messages', messages });
    } finally {
      this.#schedule();
    }
  }

  #push(message: BridgeMessage): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
    this.#ws.send(JSON.stringify(message));
  }
}
