/**
 * What one scenario's run knows: its role bindings, saved values, payloads, connections and
 * deadline. Steps read and write it; nothing outlives the scenario.
 */
import type { Dialer } from '../../../net/index.js';
import { randomUUID } from 'node:crypto';
import type { Dialect, Fixture } from '../../../specs/index.js';
import { ChatConnection } from '../../client/connection.js';
import { Transcript } from '../../../results/transcript.js';
import type { ServerKnowledge } from '../../learn/index.js';
import type { Binding } from '../roles/bind.js';
import type { BUILTIN_NAMES } from '../scenario/lint.js';
import { fillTemplate } from '../scenario/template.js';
import type { Scenario } from '../scenario/types.js';
import { payloadOf, type Payload } from '../../payload.js';
import type { ServerPace } from './pace.js';

export interface Target {
  readonly dialer: Dialer;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  /** The dialect as adjusted by the preflight (a token under another key). */
  readonly dialect: Dialect;
  readonly fixture: Fixture;
  /** What the preflight learned; absent when it did not run. */
  readonly knowledge?: ServerKnowledge;
  /** The server's round trips in this run, for the gaps between pieces; absent: gaps as declared. */
  readonly pace?: ServerPace;
}

export class ScenarioContext {
  readonly transcript = new Transcript();
  readonly saved = new Map<string, string>();
  readonly bindings: Map<string, Binding>;
  readonly #connections = new Map<string, ChatConnection>();
  readonly #payloads = new Map<string, Payload>();
  readonly #builtins: ReadonlyMap<string, string>;
  readonly #deadline: number;

  constructor(
    readonly scenario: Scenario,
    readonly target: Target,
    bindings: ReadonlyMap<string, Binding>,
    readonly runId: string,
    readonly tag: string,
  ) {
    this.bindings = new Map(bindings);
    const builtins: Record<(typeof BUILTIN_NAMES)[number], string> = {
      run: runId,
      tag,
      uuid: randomUUID(),
    };
    this.#builtins = new Map(Object.entries(builtins));
    // The scenario's whole budget: the run's time stays bounded by scenarios × timeout.
    this.#deadline = performance.now() + target.timeoutMs;
  }

  /** Milliseconds left of the scenario's budget (at least 1, so a queued reply is still read). */
  remainingMs(): number {
    return Math.max(1, Math.floor(this.#deadline - performance.now()));
  }

  get expired(): boolean {
    return performance.now() >= this.#deadline;
  }

  lookup = (name: string): string | undefined => {
    const saved = this.saved.get(name);
    if (saved !== undefined) return saved;
    const builtin = this.#builtins.get(name);
    if (builtin !== undefined) return builtin;
    if (name in this.scenario.payloads) return this.payload(name).base64;
    const [base, field] = name.split('.') as [string, string | undefined];
    if (field === 'text' && base in this.scenario.payloads) {
      return this.payload(base).bytes.toString('utf8');
    }
    const bound = this.bindings.get(base);
    if (bound?.kind === 'user') {
      if (field === undefined) return bound.user.username;
      if (field === 'password') return bound.user.password;
      if (field === 'name') return bound.user.name;
    }
    if (bound?.kind === 'group') {
      if (field === undefined) return bound.group.id;
      if (field === 'name') return bound.group.name;
    }
    return undefined;
  };

  fill = (template: string): string => fillTemplate(template, this.lookup);

  payload(name: string): Payload {
    let cached = this.#payloads.get(name);
    if (cached === undefined) {
      const spec = this.scenario.payloads[name];
      if (spec === undefined) throw new Error(`no payload "${name}"`);
      cached = payloadOf(spec, this.fill);
      this.#payloads.set(name, cached);
    }
    return cached;
  }

  /** The named connection, opened on first use; the reason when it cannot be opened. */
  async connection(name: string): Promise<ChatConnection | string> {
    const open = this.#connections.get(name);
    if (open !== undefined) return open;
    const outcome = await ChatConnection.open({
      dialer: this.target.dialer,
      timeoutMs: this.remainingMs(),
      maxReplyBytes: this.target.maxReplyBytes,
      name,
      transcript: this.transcript,
    });
    if (!outcome.ok) return outcome.reason;
    this.#connections.set(name, outcome.connection);
    return outcome.connection;
  }

  closeConnection(name: string): void {
    this.#connections.get(name)?.close();
    this.#connections.delete(name);
  }

  closeAll(): void {
    for (const connection of this.#connections.values()) connection.close();
    this.#connections.clear();
  }
}
