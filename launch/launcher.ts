/**
 * launchServer: starts a server from its command and folder, isolated where the OS allows, and
 * resolves once it listens (the running server is a LaunchedServer, launched-server.ts).
 */
import { existsSync } from 'node:fs';
import { agentEntryPath, type AppliedIsolation } from './agent-config.js';
import { LaunchError } from './errors.js';
import { probeIsolation } from './isolation.js';
import { LaunchedServer } from './launched-server.js';
import { resolveLaunchOptions, type LaunchOptions } from './options.js';
import { makeScratch } from './scratch.js';

export { agentEntryPath, type AppliedIsolation } from './agent-config.js';
export { LaunchedServer, stopAllLaunched } from './launched-server.js';
export type { EndReason, ProcessEnd } from './process-end.js';

export async function launchServer(
  input: LaunchOptions,
  signal?: AbortSignal,
): Promise<LaunchedServer> {
  const options = resolveLaunchOptions(input);
  let isolation: AppliedIsolation = options.isolation === 'none' ? 'none' : 'namespace';
  let notice: string | undefined;
  if (options.isolation !== 'none') {
    const probe = await probeIsolation();
    if (!probe.available && options.isolation === 'namespace') {
      throw new LaunchError(
        `cannot isolate the server: namespaces unavailable here (${probe.reason})`,
      );
    }
    if (!probe.available) {
      isolation = 'none';
      notice = probe.notice;
    }
  }
  const entry = agentEntryPath();
  if (!existsSync(entry)) {
    throw new LaunchError(
      `launching needs the compiled agent ${entry}; run \`npm run build\` first`,
    );
  }
  if (signal?.aborted) throw new LaunchError('launch aborted');
  const scratch = makeScratch(options.cwd, options.maxFolderBytes);
  const server = new LaunchedServer(options, isolation, notice, scratch, entry);
  try {
    await server.ready(signal);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
