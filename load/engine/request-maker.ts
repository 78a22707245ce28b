/**
 * What a load connection's next request says: the op's line, with the message streams, file
 * names and targets that make every message traceable by the audit. One per connection; it
 * fills the connection's reused InFlight entry rather than returning a new object.
 */
import {
  formatMessageText,
  streamKeyOf,
  type MessageKind,
} from '../../results/load/audit/message-id.js';
import { COMMAND_INDEX, type CommandOp, type Op } from '../../results/load/ops.js';
import type { ConnectionIdentity, EngineContext } from './context.js';
import type { FileRef, InFlight, MessageStream } from './in-flight.js';
import { RequestLines } from './request-lines.js';

/** Distinct filenames per connection: bounds what a server stores however long the run. */
const FILENAMES_PER_CONNECTION = 4;

export class RequestMaker {
  readonly #ctx: EngineContext;
  readonly #id: ConnectionIdentity;
  readonly #lines: RequestLines;
  #generation = 0;
  /** This generation's message streams, personal and group (two fields: no keyed lookups). */
  #personalStream: MessageStream | undefined;
  #groupStream: MessageStream | undefined;
  #fileSeq = 0;
  #sentFile: FileRef | undefined;

  constructor(ctx: EngineContext, identity: ConnectionIdentity) {
    this.#ctx = ctx;
    this.#id = identity;
    this.#lines = new RequestLines(ctx.dialect, identity);
  }

  /** A new connection: its messages start new streams. */
  newGeneration(): void {
    this.#generation++;
    this.#personalStream = undefined;
    this.#groupStream = undefined;
  }

  /** The server took this file: later downloads ask for it. */
  fileSent(file: FileRef): void {
    this.#sentFile = file;
  }

  /** The login line, sent first on every connection. */
  auth(entry: InFlight): string {
    this.#set(entry, 'auth', undefined, 0, undefined);
    return this.#lines.auth(this.#id.user);
  }

  /** Fills `entry` for `op` and returns its line. Not for `connect`, which sends nothing. */
  make(entry: InFlight, op: Exclude<Op, 'connect'>, session: string): string {
    const id = this.#id;
    const lines = this.#lines;
    const messageBytes = this.#ctx.options.workload.messageBytes;
    switch (op) {
      case 'auth':
        return this.auth(entry);
      case 'inbox':
        this.#set(entry, 'inbox', undefined, 0, undefined);
        return lines.inbox(session);
      case 'my_file':
        this.#set(entry, 'my_file', undefined, 0, undefined);
        return lines.myFile(session);
      case 'send': {
        const stream = this.#stream('p');
        const seq = stream.seq++;
        this.#set(entry, 'send', stream.key, seq, undefined);
        const to = seq % id.personalTargets.length;
        return lines.send(session, to, formatMessageText(stream.key, seq, messageBytes));
      }
      case 'send_group': {
        const stream = this.#stream('g');
        const seq = stream.seq++;
        this.#set(entry, 'send_group', stream.key, seq, undefined);
        const group = seq % id.groupTargets.length;
        return lines.sendGroup(session, group, formatMessageText(stream.key, seq, messageBytes));
      }
      case 'download_file': {
        const file = this.#sentFile;
        // Nothing to download yet: send one first.
        if (file === undefined) return this.make(entry, 'send_file', session);
        this.#set(entry, 'download_file', undefined, 0, undefined);
        return lines.downloadFile(session, file.peer, file.filename);
      }
      case 'send_file': {
        const n = this.#fileSeq++;
        const to = id.personalTargets[n % id.personalTargets.length]!;
        const filename = this.#filename(n);
        this.#set(entry, 'send_file', undefined, 0, { peer: to, filename });
        return lines.sendFile(session, to, filename, this.#ctx.payload.data);
      }
      case 'send_group_file': {
        const n = this.#fileSeq++;
        const group = id.groupTargets[n % id.groupTargets.length]!;
        const filename = this.#filename(n);
        this.#set(entry, 'send_group_file', undefined, 0, { peer: group, filename });
        return lines.sendGroupFile(session, group, filename, this.#ctx.payload.data);
      }
    }
  }

  #set(
    entry: InFlight,
    op: CommandOp,
    streamKey: string | undefined,
    seq: number,
    file: FileRef | undefined,
  ): void {
    entry.op = op;
    entry.command = COMMAND_INDEX[op];
    entry.streamKey = streamKey;
    entry.seq = seq;
    entry.file = file;
  }

  #filename(n: number): string {
    return `cs${this.#id.globalIndex % 16}-${n % FILENAMES_PER_CONNECTION}.bin`;
  }

  /** This generation's stream of messages of `kind`; its `seq` is the next message's. */
  #stream(kind: MessageKind): MessageStream {
    const known = kind === 'p' ? this.#personalStream : this.#groupStream;
    if (known !== undefined) return known;
    const ctx = this.#ctx;
    const name = `${ctx.workerIndex}.${this.#id.globalIndex}.${this.#generation}`;
    const key = streamKeyOf(ctx.runId, name, kind);
    const stream: MessageStream = { key, seq: 0 };
    if (kind === 'p') this.#personalStream = stream;
    else this.#groupStream = stream;
    const targets = kind === 'p' ? this.#id.personalTargets : this.#id.groupTargets;
    ctx.ledger?.openStream(key, this.#id.user.username, kind, targets);
    return stream;
  }
}
