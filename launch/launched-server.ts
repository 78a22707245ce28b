/**
 * LaunchedServer: one running server behind its agent — hands out connections to it, watches its
 * memory and deadline, reports how it ended, and always reaps it and its scratch folder.
 *
 * The agent runs inside `unshare` for a fresh network and PID namespace, or directly without
 * isolation, and talks to chatspec over the IPC channel; the server's stdout and stderr come
 * straight to chatspec through the agent's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { formatHostPort, tcpDialer, type Dialer } from '../net/index.js';
import { agentConfig, type AppliedIsolation } from './agent-config.js';
import { LaunchError } from './errors.js';
import { unshareArgs } from './isolation.js';
import type { ResolvedLaunchOptions } from './options.js';
import { PendingDials } from './pending-dials.js';
import { lastLinesText, OutputLog } from './output.js';
import { endText, guardedDialer, type EndReason, type ProcessEnd } from './process-end.js';
import type { FromAgent, ToAgent } from './protocol.js';
import type { Scratch } from './scratch.js';
import { MemoryWatch } from './memory-watch.js';
import { residentBytes, treeBelow, treeCpu, type IdleCpu } from './watch.js';

/** Lines kept with a ProcessEnd. */
const END_LINES = 20;
/** Lines quoted in a one-line error. */
const ERROR_LINES = 3;
/** How long the output may trail the exit before the end is reported without it. */
const OUTPUT_DRAIN_MS = 500;
/** Past the agent's own grace, chatspec kills the agent and the server group itself. */
const HARD_KILL_AFTER_MS = 3000;

const live = new Set<LaunchedServer>();

/** Stops every launched server still running (for the command line's signal and exit handlers). */
export async function stopAllLaunched(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop()));
}

export class LaunchedServer extends EventEmitter<{ exit: [ProcessEnd] }> {
  readonly options: ResolvedLaunchOptions;
  readonly isolation: AppliedIsolation;
  /** Set when `auto` fell back to no isolation: one line for the caller to print. */
  readonly notice: string | undefined;
  readonly output: OutputLog;
  /** Resolves when the server's process has ended, whatever ended it. */
  readonly exited: Promise<ProcessEnd>;

  readonly #scratch: Scratch;
  readonly #agent: ChildProcess;
  readonly #closed: Promise<void>;
  #agentPid: number | undefined;
  #serverPid: number | undefined;
  #listening: { host: string; port: number } | undefined;
  #dialer: Dialer | undefined;
  #end: ProcessEnd | undefined;
  #exitReported: { code: number | null; signal: string | null } | undefined;
  #killReason: { reason: EndReason; detail?: string } | undefined;
  #killSent = false;
  #outputDone = false;
  #failure: ((error: LaunchError) => void) | undefined;
  readonly #timers: NodeJS.Timeout[] = [];
  #watch: MemoryWatch | undefined;
  readonly #pendingDials = new PendingDials();
  #resolveExited!: (end: ProcessEnd) => void;
  #onListening: (() => void) | undefined;
  #onStarted: (() => void) | undefined;

  /** Use launchServer(). */
  constructor(
    options: ResolvedLaunchOptions,
    isolation: AppliedIsolation,
    notice: string | undefined,
    scratch: Scratch,
    entry: string,
  ) {
    super();
    this.options = options;
    this.isolation = isolation;
    this.notice = notice;
    this.#scratch = scratch;
    this.output = new OutputLog(options.maxOutputBytes, options.maxOutputBytesPerSec);
    this.exited = new Promise((resolve) => (this.#resolveExited = resolve));
    const [command, args] =
      isolation === 'namespace'
        ? ['unshare', [...unshareArgs(), process.execPath, entry]]
        : [process.execPath, [entry]];
    this.#agent = spawn(command, args, {
      // Its own process group: a Ctrl-C reaches chatspec, which stops the server in order.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The agent is Node: nothing of chatspec's own Node options (a test runner's loaders).
      env: { PATH: process.env.PATH ?? '' },
    });
    live.add(this);
    this.#agent.stdout!.on('data', (chunk: Buffer) => this.output.write('stdout', chunk));
    this.#agent.stderr!.on('data', (chunk: Buffer) => this.output.write('stderr', chunk));
    this.#agent.on('message', (message: FromAgent, handle: unknown) =>
      this.#onMessage(message, handle as Socket | undefined),
    );
    this.#agent.on('error', (error) => this.#fail(`cannot start ${command}: ${error.message}`));
    this.#closed = new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        this.#outputDone = true;
        this.output.end('stdout');
        this.output.end('stderr');
        this.#settleEnd();
        for (const timer of this.#timers) clearTimeout(timer);
        this.#watch?.stop();
        this.#scratch.remove();
        live.delete(this);
        resolve();
      };
      this.#agent.once('close', finish);
      this.#agent.once('exit', () => {
        // A process the server left behind may hold the pipes open; do not wait on it.
        setTimeout(() => {
          this.#agent.stdout?.destroy();
          this.#agent.stderr?.destroy();
          finish();
        }, OUTPUT_DRAIN_MS).unref();
      });
      this.#agent.once('error', () => setImmediate(finish));
    });
    this.#send({
      type: 'start',
      config: agentConfig(options, isolation, this.#scratch.folder),
    });
    this.#timers.push(
      setTimeout(
        () => this.#kill('killed-deadline', 0, `ran past its ${options.deadlineMs} ms deadline`),
        options.deadlineMs,
      ).unref(),
    );
  }

  /** The port the server listens on (in its namespace, or on this machine). */
  get port(): number {
    if (this.#listening === undefined) throw new LaunchError('the server is not listening yet');
    return this.#listening.port;
  }

  /** Connections to the server; they fail with a clear message once it has ended. */
  get dialer(): Dialer {
    if (this.#dialer === undefined) throw new LaunchError('the server is not listening yet');
    return this.#dialer;
  }

  /** How the server ended, once it has. */
  get ended(): ProcessEnd | undefined {
    return this.#end;
  }

  /** The highest resident memory of the tree seen by the watch. */
  get peakMemoryBytes(): number {
    return this.#watch?.peakBytes ?? 0;
  }

  /** PIDs of the helper processes (unshare, agent) and of the server's tree, as seen here. */
  async processIds(): Promise<number[]> {
    const own = [this.#agent.pid, this.#agentPid].filter((pid): pid is number => pid !== undefined);
    const tree = this.#agentPid === undefined ? [] : await treeBelow(this.#agentPid);
    return [...new Set([...own, ...tree])];
  }

  /** Resident bytes of the server's process tree now. */
  async memory(): Promise<number> {
    return this.#agentPid === undefined ? 0 : residentBytes(await treeBelow(this.#agentPid));
  }

  /** CPU used by the server's tree over `windowMs`, after `settleMs` of quiet. */
  measureIdleCpu(window: { settleMs: number; windowMs: number }): Promise<IdleCpu> {
    const agentPid = this.#agentPid;
    if (agentPid === undefined) throw new LaunchError('the server is not running');
    return treeCpu(() => treeBelow(agentPid), window.settleMs, window.windowMs);
  }

  /** Stops the server (SIGTERM, then SIGKILL), reaps everything, removes its scratch folder. */
  async stop(): Promise<ProcessEnd> {
    this.#kill('stopped', this.options.stopGraceMs);
    await this.#closed;
    return this.exited;
  }

  /** Resolves once the server listens; rejects with a one-line LaunchError otherwise. @internal */
  ready(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => this.#fail('launch aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => signal?.removeEventListener('abort', onAbort);
      this.#onListening = () => {
        settle();
        resolve();
      };
      this.#failure = (error) => {
        settle();
        reject(error);
      };
      this.#onStarted = () => {
        const ms = this.options.startTimeoutMs;
        this.#timers.push(
          setTimeout(() => {
            if (this.#listening !== undefined) return;
            const port =
              this.options.port === undefined ? 'a TCP port' : `port ${this.options.port}`;
            this.#fail(`server did not open ${port} within ${ms} ms`, true);
          }, ms).unref(),
        );
      };
    });
  }

  #send(message: ToAgent): void {
    if (this.#agent.connected) this.#agent.send(message, (error: Error | null) => void error);
  }

  #onMessage(message: FromAgent, handle: Socket | undefined): void {
    switch (message.type) {
      case 'hello':
        this.#agentPid = message.outerPid;
        this.#watch = new MemoryWatch({
          agentPid: message.outerPid,
          intervalMs: this.options.watchIntervalMs,
          limitBytes: this.options.memoryLimitBytes,
          ended: () => this.#end !== undefined,
          stopped: () => this.#end !== undefined || this.#outputDone,
          onOverLimit: (detail) => this.#kill('killed-memory', 0, detail),
        });
        break;
      case 'started':
        if (this.isolation === 'none') this.#serverPid = message.pid;
        this.#onStarted?.();
        break;
      case 'setup-failed': {
        const what = `setup \`${this.options.setup ?? ''}\``;
        this.#fail(
          message.timedOut
            ? `${what} did not finish within ${this.options.setupTimeoutMs} ms`
            : `${what} ${endText(message.code, message.signal)}`,
          true,
        );
        break;
      }
      case 'listening':
        this.#listening = { host: message.host, port: message.port };
        this.#dialer =
          this.isolation === 'namespace'
            ? {
                address: `${formatHostPort(message.host, message.port)} (own network namespace)`,
                dial: (timeoutMs) => this.#dial(timeoutMs),
              }
            : guardedDialer(tcpDialer(message.host, message.port), () => this.#end);
        this.#onListening?.();
        break;
      case 'failed':
        this.#fail(message.message);
        break;
      case 'dialed':
        this.#pendingDials.connected(message.id, handle);
        break;
      case 'dial-failed':
        this.#pendingDials.failed(message.id, message.message);
        break;
      case 'exit':
        this.#exitReported = { code: message.code, signal: message.signal };
        if (this.#listening === undefined) {
          const why = this.#killReason?.detail;
          this.#fail(
            why === undefined
              ? `server ${endText(message.code, message.signal)} before opening a port`
              : `server was killed before opening a port: ${why}`,
            true,
          );
        }
        this.#whenOutputDone(() => this.#settleEnd());
        break;
    }
  }

  #dial(timeoutMs: number): Promise<Socket> {
    const address = this.#dialer?.address ?? 'the server';
    if (this.#end !== undefined || !this.#agent.connected) {
      return Promise.reject(new Error(`cannot connect to ${address}: ${this.#endedText()}`));
    }
    return this.#pendingDials.add(address, timeoutMs, (id) =>
      this.#send({ type: 'dial', id, timeoutMs }),
    );
  }

  #endedText(): string {
    const exit = this.#end ?? this.#exitReported;
    return exit === undefined
      ? 'the server has ended'
      : `the server ${endText(exit.code, exit.signal)}`;
  }

  /** Fails the launch with one line, quoting what the server printed last. */
  #fail(message: string, quoteOutput = false): void {
    const report = this.#failure;
    if (report === undefined) return;
    this.#failure = undefined;
    this.#kill('stopped', 0);
    const text = (): string =>
      quoteOutput ? `${message}; ${lastLinesText(this.output.tail(ERROR_LINES))}` : message;
    this.#whenOutputDone(() => report(new LaunchError(text())));
  }

  #whenOutputDone(then: () => void): void {
    if (this.#outputDone) return then();
    let called = false;
    const once = (): void => {
      if (called) return;
      called = true;
      then();
    };
    void this.#closed.then(once);
    setTimeout(once, OUTPUT_DRAIN_MS).unref();
  }

  #kill(reason: EndReason, graceMs: number, detail?: string): void {
    if (this.#end === undefined && this.#killReason === undefined) {
      this.#killReason = detail === undefined ? { reason } : { reason, detail };
    }
    if (this.#killSent) return;
    this.#killSent = true;
    this.#send({ type: 'kill', graceMs });
    const hard = setTimeout(() => this.#hardKill(), graceMs + HARD_KILL_AFTER_MS);
    hard.unref();
    this.#timers.push(hard);
    if (!this.#agent.connected) this.#hardKill();
  }

  /** The agent does not answer: kill it (and so, through --kill-child, its namespace). */
  #hardKill(): void {
    for (const pid of [
      this.#serverPid === undefined ? undefined : -this.#serverPid,
      this.#agent.pid,
    ]) {
      if (pid === undefined) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  /** Reports the end once: the server's exit as the agent saw it, or the agent's own end. */
  #settleEnd(): void {
    if (this.#end !== undefined) return;
    const exit = this.#exitReported ?? {
      code: this.#agent.exitCode,
      signal: this.#agent.signalCode,
    };
    if (this.#exitReported === undefined && !this.#outputDone) return;
    const killed = this.#killReason;
    this.#end = Object.freeze({
      code: exit.code,
      signal: exit.signal,
      reason: killed?.reason ?? 'exited',
      ...(killed?.detail === undefined ? {} : { detail: killed.detail }),
      lastLines: this.output.tail(END_LINES),
    });
    this.#pendingDials.failAll(`cannot connect: ${this.#endedText()}`);
    this.#failure?.(
      new LaunchError(`server ${endText(exit.code, exit.signal)} before opening a port`),
    );
    this.#failure = undefined;
    this.#resolveExited(this.#end);
    this.emit('exit', this.#end);
    if (!this.#killSent) this.#kill(this.#end.reason, 0);
  }
}
