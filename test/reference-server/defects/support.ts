/** Starts a reference server with defects for one test, and cleans up whatever it opened. */
import { afterEach } from 'vitest';
import {
  startServer,
  type RunningServer,
  type ServerOptions,
} from '../../../reference-server/index.js';
import { PASSWORDS, WireClient, login } from '../support/wire.js';

export interface DefectiveServer {
  readonly server: RunningServer;
  open(): Promise<WireClient>;
  /** A new connection logged in as `username`. */
  as(username: string): Promise<{ client: WireClient; token: string }>;
}

const servers: RunningServer[] = [];
const clients: WireClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

export async function defective(
  defects: readonly string[],
  options: Partial<ServerOptions> = {},
): Promise<DefectiveServer> {
  const server = await startServer({ port: 0, ...options, defects });
  servers.push(server);
  const open = async (): Promise<WireClient> => {
    const c = await WireClient.open(server.port);
    clients.push(c);
    return c;
  };
  return {
    server,
    open,
    async as(username) {
      const client = await open();
      return { client, token: await login(client, username, PASSWORDS[username]!) };
    },
  };
}

export const SENT = { status: 'OK', message: 'Message Sent' };
export const FILE_SENT = { status: 'OK', message: 'File Sent' };

/** The texts of an inbox reply's entries under `key`. */
export function texts(reply: Record<string, unknown>, key: string): string[] {
  const messages = reply.messages as Record<string, Array<{ msg: string }>> | undefined;
  return (messages?.[key] ?? []).map((e) => e.msg);
}
