/**
 * What every case of a campaign shares: the options, the world, the connection pool, the
 * counters, the notes, and whether the server still answers. A server that stops answering
 * cannot judge smaller cases, so from then on every case is skipped (a fast-check
 * precondition) and the last failing case stands unshrunk, unless `restart` brings it back.
 */
import fc from 'fast-check';
import { COMMAND_NAMES, type CommandName, type Dialect } from '../../specs/index.js';
import type { ServerKnowledge } from '../learn/index.js';
import type { CaseFailure } from './case-failure.js';
import type { JudgeContext } from './judge.js';
import { NoteBook } from './notes.js';
import type { FuzzOptions } from './options.js';
import { ConnectionPool } from './pool.js';
import { FORMS, type Form } from './steps.js';
import type { FuzzEvent } from '../../results/fuzz.js';
import { MAX_FUZZ_USERS, MAX_PARALLEL_USERS, createWorld, type FuzzWorld } from './world.js';

export interface Counters {
  runs: number;
  shrinkRuns: number;
  commands: number;
  requests: number;
  inconclusive: number;
}

/** Failing cases kept for the reproduction check. */
const MAX_FAILED_CASES = 12;

export class Campaign {
  readonly options: FuzzOptions;
  world: FuzzWorld;
  readonly dialect: Dialect;
  judgeContext: JudgeContext;
  readonly pool: ConnectionPool;
  readonly notes = new NoteBook();
  readonly counters: Counters = {
    runs: 0,
    shrinkRuns: 0,
    commands: 0,
    requests: 0,
    inconclusive: 0,
  };
  readonly #emit: (event: FuzzEvent) => void;
  #shrinkStartedAt = 0;
  /** Set once a case failed: every later case is a shrink attempt. */
  shrinking = false;
  shrinks = 0;
  /** Spellings the campaign generates; the engine drops those the server never answers. */
  forms: readonly Form[] = FORMS;
  /** Commands the campaign generates: the server's own, once learned (all eight before). */
  commands: readonly CommandName[] = COMMAND_NAMES;
  /** Texts and filenames of ASCII only (the server dies on a character its reads split). */
  asciiOnly = false;
  /** Commands left out: the server answers them as unknown, or the dialect lacks them. */
  missingCommands: readonly CommandName[] = [];
  /** What the server was found to be, once learned (the preflight shared with `chatspec test`). */
  knowledge: ServerKnowledge | undefined;
  /** Why the server is taken for dead, once it is. */
  deadReason: string | undefined;
  /** Why no smaller case can be judged any more, once that is so (shrinking ends). */
  stopNote: string | undefined;
  /**
   * Failing cases of this campaign, largest (the first found) first, then each one shrinking
   * kept: what a replay falls back on when the smallest fails only after the earlier cases.
   */
  readonly failedCases: CaseFailure[] = [];

  constructor(options: FuzzOptions, emit: (event: FuzzEvent) => void, poolSize: number) {
    this.options = options;
    this.dialect = options.dialect;
    this.world = this.#createWorld(false);
    this.judgeContext = {
      dialect: this.dialect,
      timeoutMs: options.timeoutMs,
      usernames: this.world.userNames,
      inboxReaders: options.mode !== 'parallel',
    };
    this.pool = new ConnectionPool({
      dialer: options.target.dialer,
      timeoutMs: options.timeoutMs,
      maxReplyBytes: options.maxReplyBytes,
      size: poolSize,
    });
    this.#emit = emit;
  }

  /**
   * Generates only the commands the server has (and its dialect supports), and takes its own
   * unknown-command reply for what it is (in whatever words), so a missing command is reported
   * once, never failed.
   */
  adoptKnowledge(knowledge: ServerKnowledge): void {
    this.knowledge = knowledge;
    const has = (c: CommandName): boolean =>
      this.dialect.supports(c) && knowledge.commands[c] !== 'absent';
    this.commands = COMMAND_NAMES.filter(has);
    this.missingCommands = COMMAND_NAMES.filter((c) => !has(c));
    this.judgeContext = { ...this.judgeContext, knowledge };
  }

  /** Leaves non-ASCII characters out of texts and filenames, for a server that dies on them. */
  leaveOutNonAscii(): void {
    this.asciiOnly = true;
    this.world = this.#createWorld(true);
  }

  #createWorld(asciiOnly: boolean): FuzzWorld {
    const { options } = this;
    return createWorld(
      options.fixture,
      options.seed,
      options.mode === 'parallel' ? MAX_PARALLEL_USERS : MAX_FUZZ_USERS,
      asciiOnly,
    );
  }

  /** Ends shrinking: every later case is skipped, and the failure says why. */
  stop(note: string): void {
    this.stopNote ??= note;
  }

  emit(event: FuzzEvent): void {
    this.#emit(event);
  }

  /** Counts a case as it starts; skips it (fast-check precondition) once the server is dead. */
  beginCase(): void {
    if (this.shrinking && performance.now() - this.#shrinkStartedAt > this.options.shrinkTimeMs) {
      this.stop(
        `shrinking took longer than ${this.options.shrinkTimeMs} ms (${this.counters.shrinkRuns} smaller cases tried); the case shown is the smallest found`,
      );
    }
    if (this.deadReason !== undefined || this.stopNote !== undefined) fc.pre(false);
    if (this.shrinking) {
      this.counters.shrinkRuns++;
      if (this.counters.shrinkRuns % 25 === 0) {
        this.emit({ type: 'shrink', attempts: this.counters.shrinkRuns, shrinks: this.shrinks });
      }
    } else {
      this.counters.runs++;
    }
  }

  passCase(commands: number): void {
    if (!this.shrinking)
      this.emit({ type: 'run', run: this.counters.runs, passed: true, commands });
  }

  failCase(failure: CaseFailure): void {
    const reason = failure.message;
    // The first and the latest few: enough to fall back on, bounded however long shrinking runs.
    if (this.failedCases.length >= MAX_FAILED_CASES) this.failedCases.splice(1, 1);
    if (failure.source !== undefined) this.failedCases.push(failure);
    if (this.shrinking) {
      this.shrinks++;
      return;
    }
    this.shrinking = true;
    this.#shrinkStartedAt = performance.now();
    this.emit({ type: 'failure-found', run: this.counters.runs, reason });
  }

  /**
   * The server did not answer where an answer was due. With `restart`, it is brought back and
   * the campaign goes on; without, it is dead for the rest of the campaign.
   */
  async serverLost(reason: string): Promise<void> {
    if (this.options.restart === undefined) {
      this.deadReason ??= reason;
      return;
    }
    this.pool.closeAll();
    try {
      await this.options.restart();
    } catch (error) {
      this.deadReason ??= `${reason}; restarting it failed: ${(error as Error).message}`;
    }
  }

  /** Opens the pool for a case; a server that cannot be reached skips the case. */
  async openPool(): Promise<void> {
    let open = await this.pool.ensureOpen();
    if (!open.ok && this.options.restart !== undefined) {
      await this.serverLost(open.reason);
      open = await this.pool.ensureOpen();
    }
    if (!open.ok) {
      this.deadReason ??= open.reason;
      fc.pre(false);
    }
  }
}
