/**
 * The messages between chatspec and its agent (launch/agent.ts), over the Node IPC channel.
 * The channel is also the agent's lifeline: when it closes, the agent kills the server.
 */

/** How the agent finds the server's listeners. */
export type ListenerScope =
  /** Every listener in the network namespace is the server's (it is alone there). */
  | 'namespace'
  /** Only listeners whose socket a process of the server's tree holds. */
  | 'tree';

export interface AgentConfig {
  readonly command: string;
  readonly setup: string | undefined;
  readonly setupTimeoutMs: number;
  /** The scratch folder. */
  readonly cwd: string;
  /** The server's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Run the server as a user of its own (chatspec is root); see docs/launch.md. */
  readonly dropPrivileges: boolean;
  /** RLIMIT_NPROC, or undefined for none. */
  readonly maxProcesses: number | undefined;
  readonly maxFileBytes: number;
  readonly port: number | undefined;
  readonly scope: ListenerScope;
  /** Bring `lo` up first (a fresh network namespace). */
  readonly loopbackUp: boolean;
}

export type ToAgent =
  | { readonly type: 'start'; readonly config: AgentConfig }
  | { readonly type: 'dial'; readonly id: number; readonly timeoutMs: number }
  /** Stop the server: SIGTERM to its group, SIGKILL after `graceMs`, then exit. */
  | { readonly type: 'kill'; readonly graceMs: number };

export type FromAgent =
  /** `outerPid`: the agent's PID as chatspec sees it (inside a PID namespace it is 1). */
  | { readonly type: 'hello'; readonly outerPid: number }
  | {
      readonly type: 'setup-failed';
      readonly code: number | null;
      readonly signal: string | null;
      readonly timedOut: boolean;
      readonly message?: string;
    }
  /**
   * The server process runs (after the setup, if any); its start timeout begins. `pid` as the
   * agent sees it: chatspec's own view only without a namespace.
   */
  | { readonly type: 'started'; readonly pid: number | undefined }
  | { readonly type: 'listening'; readonly host: string; readonly port: number }
  /** The agent cannot go on (several listeners without a port, a spawn error…). */
  | { readonly type: 'failed'; readonly message: string }
  /** Sent with the connected socket as its handle. */
  | { readonly type: 'dialed'; readonly id: number }
  | { readonly type: 'dial-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'exit'; readonly code: number | null; readonly signal: string | null };
