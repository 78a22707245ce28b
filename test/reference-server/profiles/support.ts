/** Starts the reference server with a profile for one test, and cleans up what it opened. */
import { afterEach } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { PASSWORDS, WireClient } from '../support/wire.js';

const servers: RunningServer[] = [];
const clients: WireClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

export interface ProfiledServer {
  readonly server: RunningServer;
  open(): Promise<WireClient>;
  /** A new connection logged in as `username`, the login's bytes checked. */
  as(username: string): Promise<{ client: WireClient; token: string }>;
}

export async function profiled(
  profile: string,
  options: { maxLineBytes?: number } = {},
): Promise<ProfiledServer> {
  const server = await startServer({ port: 0, profile, ...options });
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
      await client.send(`auth ${username} ${PASSWORDS[username]!} \r\n`);
      const raw = await client.rawReply();
      const match = new RegExp(`^\\{"status": "OK", "tokenid": "(${UUID})"\\}$`).exec(raw);
      if (match === null) throw new Error(`login of ${username}: ${raw}`);
      return { client, token: match[1]! };
    },
  };
}

/** The exact reply text (without CRLF CRLF) of the next reply after sending `line`. */
export async function exchange(client: WireClient, line: string | Buffer): Promise<string> {
  await client.send(line);
  return client.rawReply();
}

export const SENT_BYTES = '{"status": "OK", "message": "Message Sent"}';
export const FILE_SENT_BYTES = '{"status": "OK", "message": "File Sent"}';
export const UNKNOWN_COMMAND_BYTES = '{"status": "ERROR", "message": "**Protocol Tidak Benar"}';
export const MISSING_PARAMS_BYTES = '{"status": "ERROR", "message": "--Protocol Tidak Benar"}';
export const INFORMASI_BYTES = '{"status": "ERROR", "message": "Informasi tidak ditemukan"}';
