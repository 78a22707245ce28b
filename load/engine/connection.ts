/**
 * One simulated client: connects, logs in as its fixture user, then sends its workload's ops
 * until the engine says stop. Every request ends in exactly one recorded outcome (a reply,
 * a timeout, a failed connection, a protocol violation, or unfinished at the end). Failures
 * never throw: the connection records them, waits a little and connects again, so a server
 * that dies mid-run is measured, not fatal.
 */
import type { Socket } from 'node:net';
import { ReplyDecoder } from '../../specs/codec/reply-framing.js';
import type { JsonObject } from '../../specs/index.js';
import type { Random } from '../rng.js';
import { OpChooser } from '../workload/chooser.js';
import type { Op } from '../../results/load/ops.js';
import type { ConnectionIdentity, EngineContext } from './context.js';
import { dialSocket } from './dial.js';
import { localAddressOf } from '../local-address.js';
import { InFlightPool, type InFlight } from './in-flight.js';
import { OpenLoopPacing } from './pacing.js';
import { ReconnectBackoff } from './backoff.js';
import { forgetSocket, listenToSocket, type SocketEvents } from './socket-events.js';
import { ownedChunk } from './read-buffer.js';
import { OpeningPlace } from './opening-place.js';
import { acceptOk, noteRefused } from './ok-reply.js';
import type { FailureKind } from './recorder.js';
import { RequestMaker } from './request-maker.js';
import type { Schedulable } from './scheduler.js';

type Phase = 'waiting' | 'connecting' | 'login' | 'ready' | 'cycling' | 'closed';

export class LoadConnection implements Schedulable, SocketEvents {
  readonly #ctx: EngineContext;
  readonly #id: ConnectionIdentity;
  readonly #chooser: OpChooser;
  readonly #requests: RequestMaker;
  #phase: Phase = 'waiting';
  #socket: Socket | undefined;
  #decoder: ReplyDecoder;
  /** In-flight requests, oldest first; replies come back in this order. */
  #inflight: InFlight[] = [];
  /** Answered requests' objects, for reuse. */
  readonly #spare = new InFlightPool();
  #session: string | undefined;
  #connectStartedMs = 0;
  /** Counts connect attempts, so a dial that settles after its attempt was given up is ignored. */
  #attempt = 0;
  #lastSocketError: string | undefined;
  /** One of the engine's places for connections being opened and logged in. */
  readonly #opening: OpeningPlace;
  readonly #backoff = new ReconnectBackoff();
  #backoffTimer: NodeJS.Timeout | undefined;
  readonly #pacing = new OpenLoopPacing();
  /** A connect op chosen while requests were in flight, and when it was due. */
  #cycleIntendedMs: number | undefined;
  /** When the login of the connection being opened was due (a connect op's), if it was. */
  #connectIntendedMs: number | undefined;

  /**
   * Requests this connection may still send: its part of the run's amount (Infinity without
   * one). Fixed per connection, not first come first served, so a run's work does not depend
   * on which connection was quicker, and shards add up to the unsharded run exactly.
   */
  #budget: number;

  constructor(ctx: EngineContext, identity: ConnectionIdentity, random: Random, budget: number) {
    this.#budget = budget;
    this.#ctx = ctx;
    this.#opening = new OpeningPlace(ctx);
    this.#id = identity;
    this.#chooser = new OpChooser(ctx.options.workload.mix, random);
    this.#requests = new RequestMaker(ctx, identity);
    this.#decoder = new ReplyDecoder(ctx.options.maxReplyBytes);
  }

  get inflight(): number {
    return this.#inflight.length;
  }

  start(): void {
    this.#queueConnect(undefined);
  }

  /** Open loop: the scheduler says this connection's next request is due. */
  wake(): void {
    this.#pacing.woken();
    this.#pump(this.#ctx.now());
  }

  /** Called by the engine's sweep: ends a connect or a reply that took too long. */
  checkTimeout(nowMs: number): void {
    const timeoutMs = this.#ctx.options.timeoutMs;
    if (this.#phase === 'connecting' && nowMs - this.#connectStartedMs > timeoutMs) {
      this.#connectFailed(`connect timed out after ${timeoutMs} ms`);
      return;
    }
    const head = this.#inflight[0];
    if (head !== undefined && nowMs - head.sentAtMs > timeoutMs) {
      this.#lose(`no reply within ${timeoutMs} ms`, 'timeout', false);
    }
  }

  /** The run is over: whatever is in flight is unfinished; the socket is closed. */
  finish(): void {
    if (this.#backoffTimer !== undefined) clearTimeout(this.#backoffTimer);
    this.#backoffTimer = undefined;
    this.#abandon('unfinished');
    this.#closeSocket();
    this.#phase = 'closed';
  }

  #queueConnect(cycleIntendedMs: number | undefined): void {
    if (!this.#ctx.mayConnect() || this.#budget <= 0) {
      this.#phase = 'closed';
      return;
    }
    this.#phase = 'waiting';
    this.#ctx.requestConnect(() => this.#connect(cycleIntendedMs));
  }

  #connect(cycleIntendedMs: number | undefined): void {
    const ctx = this.#ctx;
    this.#opening.hold();
    if (!ctx.mayConnect()) {
      this.#opening.release();
      this.#phase = 'closed';
      return;
    }
    ctx.recorder.connectAttempts++;
    this.#phase = 'connecting';
    this.#connectStartedMs = ctx.now();
    this.#lastSocketError = undefined;
    this.#decoder = new ReplyDecoder(ctx.options.maxReplyBytes);
    const attempt = ++this.#attempt;
    // The sweep's timeout may end an attempt before its dialer answers (checkTimeout).
    dialSocket(
      ctx.dialer,
      ctx.options.timeoutMs,
      {
        wanted: () => this.#attempt === attempt && this.#phase === 'connecting',
        attach: (socket, connected) => this.#attach(socket, cycleIntendedMs, connected),
        failed: (reason) => this.#connectFailed(reason),
      },
      localAddressOf(ctx.options.localAddresses, this.#id.globalIndex),
    );
  }

  #attach(socket: Socket, cycleIntendedMs: number | undefined, connected: boolean): void {
    this.#socket = socket;
    this.#connectIntendedMs = cycleIntendedMs;
    listenToSocket(socket, this);
    if (connected) this.#connected(cycleIntendedMs);
  }

  /** Socket events (socket-events.ts), only ever of the socket this connection holds. */
  socketConnected(): void {
    this.#connected(this.#connectIntendedMs);
  }

  socketData(chunk: Buffer): void {
    this.#onData(chunk);
  }

  socketRead(view: Buffer): void {
    this.#onData(ownedChunk(view, this.#decoder.pendingBytes));
  }

  socketError(reason: string): void {
    this.#lastSocketError = reason;
  }

  socketClosed(): void {
    this.#onClose();
  }

  #connected(cycleIntendedMs: number | undefined): void {
    const ctx = this.#ctx;
    const now = ctx.now();
    ctx.recorder.connected(Math.round((now - this.#connectStartedMs) * 1000));
    this.#socket!.setNoDelay(true);
    this.#requests.newGeneration();
    this.#session = undefined;
    this.#phase = 'login';
    if (!ctx.mayIssue() || this.#budget <= 0) {
      this.finish();
      return;
    }
    const entry = this.#spare.take();
    this.#send(entry, this.#requests.auth(entry), cycleIntendedMs ?? -1, now, true);
  }

  #connectFailed(reason: string): void {
    const ctx = this.#ctx;
    this.#opening.release();
    ctx.recorder.connectsFailed++;
    ctx.recorder.problem(reason);
    this.#closeSocket();
    this.#retryLater();
  }

  #onClose(): void {
    if (this.#phase === 'connecting') {
      this.#connectFailed(
        `cannot connect to ${this.#ctx.dialer.address}: ${this.#lastSocketError ?? 'closed'}`,
      );
      return;
    }
    this.#ctx.recorder.connectionsDropped++;
    const why = this.#lastSocketError
      ? `connection error: ${this.#lastSocketError}`
      : 'connection closed by the server';
    this.#lose(why, 'connection', true);
  }

  /**
   * The connection is unusable (closed, reset, timed out, out of sync): what is in flight
   * fails, a partly received reply is a protocol violation, and a new connection follows.
   */
  #lose(reason: string, kind: FailureKind, unterminatedIsViolation: boolean): void {
    const recorder = this.#ctx.recorder;
    recorder.problem(reason);
    if (unterminatedIsViolation && this.#decoder.pendingBytes > 0 && this.#inflight.length > 0) {
      const head = this.#inflight.shift()!;
      this.#settle(head);
      recorder.failed(head.command, 'violation');
      recorder.problem(`${head.op}: reply cut off without its \\r\\n\\r\\n terminator`);
    }
    this.#abandon(kind);
    this.#closeSocket();
    this.#retryLater();
  }

  #abandon(kind: FailureKind): void {
    const recorder = this.#ctx.recorder;
    for (const entry of this.#inflight) {
      recorder.failed(entry.command, kind);
      if (entry.op === 'inbox') this.#ctx.ledger?.incompleteInboxRead();
    }
    this.#ctx.settled(this.#inflight.length);
    this.#inflight = [];
  }

  #closeSocket(): void {
    this.#opening.release();
    const socket = this.#socket;
    if (socket === undefined) return;
    this.#socket = undefined;
    forgetSocket(socket);
    // Node counts what each socket wrote; cheaper than measuring every line.
    this.#ctx.recorder.bytesWritten += socket.bytesWritten;
    socket.destroy();
    if (this.#phase === 'ready' || this.#phase === 'cycling') this.#ctx.readyChanged(-1);
    this.#session = undefined;
  }

  #retryLater(): void {
    if (!this.#ctx.mayConnect() || this.#budget <= 0) {
      this.#phase = 'closed';
      return;
    }
    this.#phase = 'waiting';
    this.#backoffTimer = setTimeout(() => {
      this.#backoffTimer = undefined;
      this.#queueConnect(undefined);
    }, this.#backoff.nextDelayMs());
  }

  #onData(chunk: Buffer): void {
    this.#ctx.recorder.bytesIn(chunk.length);
    const { replies, overflow } = this.#decoder.push(chunk);
    const socket = this.#socket;
    // One clock reading per chunk: its replies arrived together.
    const now = this.#ctx.now();
    for (const reply of replies) {
      this.#onReply(reply.text, reply.bytes, now);
      if (this.#socket !== socket) return;
    }
    if (overflow) {
      const head = this.#inflight.shift();
      if (head !== undefined) {
        this.#settle(head);
        this.#ctx.recorder.failed(head.command, 'violation');
      }
      this.#lose(
        `reply longer than ${this.#ctx.options.maxReplyBytes} bytes without its terminator`,
        'connection',
        false,
      );
      return;
    }
    if (this.#phase === 'ready') this.#pump(now);
    else if (this.#phase === 'cycling' && this.#inflight.length === 0) this.#cycle();
  }

  #onReply(text: string, bytes: number, now: number): void {
    const entry = this.#inflight.shift();
    if (entry === undefined) {
      this.#lose('a reply nobody asked for (more replies than requests)', 'connection', false);
      return;
    }
    this.#answered(entry, text, bytes, now);
    this.#spare.give(entry);
  }

  #answered(entry: InFlight, text: string, bytes: number, now: number): void {
    const ctx = this.#ctx;
    const recorder = ctx.recorder;
    this.#settle(entry);
    if (entry.setup) this.#opening.release();
    const reply = ctx.replies.read(entry.command, text);
    if (!reply.ok) return this.#violation(entry, reply.reason);
    const json = reply.json;
    const ok = reply.status === 'OK';
    if (ok) {
      const problem = this.#accept(entry, json);
      if (problem !== undefined) return this.#violation(entry, problem);
    } else {
      noteRefused(ctx, entry, json);
    }
    const corrected = Math.round((now - entry.intendedAtMs) * 1000);
    recorder.replied(entry.command, ok, corrected, Math.round((now - entry.sentAtMs) * 1000), now);
    ctx.onResponse?.({ op: entry.op, ok, latencyMs: corrected / 1000, bytes });
    if (entry.setup && !ok && this.#socket !== undefined) {
      // Without a session nothing else can be sent: try again on a new connection.
      this.#lose(`login as ${this.#id.user.username} refused`, 'connection', false);
    }
  }

  #violation(entry: InFlight, reason: string): void {
    this.#ctx.recorder.failed(entry.command, 'violation');
    this.#ctx.recorder.problem(`${entry.op}: ${reason}`);
    if (entry.op === 'inbox') this.#ctx.ledger?.incompleteInboxRead();
    if (entry.setup) this.#lose('no session after login', 'connection', false);
  }

  /** An OK reply: reads what the op needs from it; returns a problem if its shape is wrong. */
  #accept(entry: InFlight, json: JsonObject): string | undefined {
    if (entry.op !== 'auth') {
      return acceptOk(this.#ctx, entry, json, this.#id.user.username, this.#requests);
    }
    const token = this.#ctx.dialect.readToken(json);
    if (!token.ok) return token.reason;
    this.#session = token.value;
    if (entry.setup) this.#becomeReady(this.#ctx.now());
    return undefined;
  }

  #becomeReady(now: number): void {
    this.#phase = 'ready';
    this.#backoff.reset();
    this.#ctx.readyChanged(1);
    const interval = this.#ctx.intervalMs;
    if (interval !== undefined) this.#pacing.begin(now, interval, this.#id.localIndex);
  }

  #settle(_entry: InFlight): void {
    this.#ctx.settled(1);
  }

  /** Sends while the connection has room (pipelining), the run allows it, and it is due. */
  #pump(now: number): void {
    const ctx = this.#ctx;
    const pipelining = ctx.options.pipelining;
    const interval = ctx.intervalMs;
    // Pipelined requests leave in one write (writev) rather than a syscall each.
    const socket = pipelining > 1 ? this.#socket : undefined;
    socket?.cork();
    try {
      this.#fill(now, pipelining, interval);
    } finally {
      // A connect op may have closed it meanwhile.
      if (socket !== undefined && !socket.destroyed) socket.uncork();
    }
  }

  #fill(now: number, pipelining: number, interval: number | undefined): void {
    const ctx = this.#ctx;
    while (
      this.#phase === 'ready' &&
      this.#inflight.length < pipelining &&
      this.#budget > 0 &&
      ctx.mayIssue()
    ) {
      // -1: a closed loop's request is due when it is sent.
      let intended = -1;
      if (interval !== undefined) {
        const due = this.#pacing.take(now, interval, ctx, this);
        if (due === undefined) return;
        intended = due;
      }
      this.#issue(this.#chooser.next(), intended, now);
    }
  }

  #issue(op: Op, intendedMs: number, now: number): void {
    if (op === 'connect') {
      this.#cycleIntendedMs = intendedMs;
      this.#phase = 'cycling';
      if (this.#inflight.length === 0) this.#cycle();
      return;
    }
    const entry = this.#spare.take();
    this.#send(entry, this.#requests.make(entry, op, this.#session!), intendedMs, now);
  }

  /** Connect op: close this connection, open a new one and log in; the login is the request. */
  #cycle(): void {
    const intended = this.#cycleIntendedMs;
    this.#cycleIntendedMs = undefined;
    this.#closeSocket();
    this.#queueConnect(intended);
  }

  /** Sends `line` for `entry`, which the request maker has filled. */
  #send(entry: InFlight, line: string, intendedMs: number, now: number, setup = false): void {
    const ctx = this.#ctx;
    entry.sentAtMs = now;
    entry.intendedAtMs = intendedMs < 0 || intendedMs > now ? now : intendedMs;
    entry.setup = setup;
    this.#inflight.push(entry);
    this.#budget--;
    ctx.issued();
    ctx.recorder.sent(entry.command);
    if (entry.streamKey !== undefined) ctx.ledger?.sent(entry.streamKey, entry.seq);
    this.#socket!.write(line);
  }
}
