/**
 * The embedded target: the reference server, started in this process on an ephemeral
 * loopback port. The one place a command starts it, so every command starts it the same way.
 */
import { tcpDialer } from '../net/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../reference-server/index.js';
import type { Target } from './target.js';

/** What a command may choose about the embedded server; where it listens is not one of them. */
export type EmbeddedOptions = Omit<Partial<ServerOptions>, 'host' | 'port'>;

/** An embedded target, and the server behind it for callers that inspect its state. */
export interface EmbeddedTarget extends Target {
  readonly kind: 'embedded';
  readonly server: RunningServer;
}

/** How every command names the embedded server on the console, with where it listens. */
export function describeEmbedded(address: string): string {
  return `embedded reference server on ${address}`;
}

export async function embeddedTarget(options: EmbeddedOptions = {}): Promise<EmbeddedTarget> {
  const server = await startServer({ ...options, host: '127.0.0.1', port: 0 });
  const dialer = tcpDialer(server.host, server.port);
  let closing: Promise<void> | undefined;
  return Object.freeze({
    kind: 'embedded',
    description: describeEmbedded(dialer.address),
    dialer,
    server,
    close: () => (closing ??= server.close()),
  });
}
