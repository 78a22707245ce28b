/**
 * What the agent is told to do: its entry file and the start configuration it gets over IPC —
 * the server's command, folder, environment and limits.
 */
import { fileURLToPath } from 'node:url';
import type { ResolvedLaunchOptions } from './options.js';
import type { AgentConfig } from './protocol.js';

/** The isolation a server actually got. */
export type AppliedIsolation = 'namespace' | 'none';

/**
 * The compiled agent. From TypeScript sources (vitest) this module lives in launch/ and the
 * compiled entry in dist/launch/: the agent is a Node process and needs JavaScript.
 */
export function agentEntryPath(moduleUrl: string = import.meta.url): string {
  const url = moduleUrl.endsWith('.ts')
    ? new URL('../dist/launch/agent-entry.js', moduleUrl)
    : new URL('./agent-entry.js', moduleUrl);
  return fileURLToPath(url);
}

export function agentConfig(
  options: ResolvedLaunchOptions,
  isolation: AppliedIsolation,
  folder: string,
): AgentConfig {
  const root = process.getuid?.() === 0;
  return {
    command: options.command,
    setup: options.setup,
    setupTimeoutMs: options.setupTimeoutMs,
    cwd: folder,
    env: {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: folder,
      TMPDIR: folder,
      LANG: 'C.UTF-8',
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      ...options.env,
    },
    dropPrivileges: root && process.platform !== 'win32',
    // RLIMIT_NPROC counts every process of the user: only a user of its own makes it per server.
    maxProcesses: root ? options.maxProcesses : undefined,
    maxFileBytes: options.maxFileBytes,
    port: options.port,
    scope: isolation === 'namespace' ? 'namespace' : 'tree',
    loopbackUp: isolation === 'namespace',
  };
}
