/** isolation: 'none': the server runs on this machine's loopback, on the port it binds. */
import { describe, expect, it } from 'vitest';
import { login, WireClient } from '../reference-server/support/wire.js';
import { closedPort } from '../support/ports.js';
import { launchFixture } from './support.js';

describe('a launched server without isolation', () => {
  it("finds the port among its own process tree's listeners and dials it directly", async () => {
    const port = await closedPort();
    const server = await launchFixture('split_char_server.py', {
      isolation: 'none',
      env: { PORT: String(port) },
    });
    expect(server.isolation).toBe('none');
    expect(server.port).toBe(port);
    expect(server.dialer.address).toBe(`127.0.0.1:${port}`);
    const client = await WireClient.open(port);
    expect(await login(client, 'messi', 'surabaya')).toMatch(/^[0-9a-f-]{36}$/);
    client.close();
    const dialed = await WireClient.dial(server.dialer);
    expect(await login(dialed, 'henderson', 'surabaya')).toMatch(/^[0-9a-f-]{36}$/);
    dialed.close();
  });

  it('needs the port when the server opens several', async () => {
    const [port, admin] = [await closedPort(), await closedPort()];
    const error = await launchFixture('two_ports_server.py', {
      isolation: 'none',
      env: { PORT: String(port), ADMIN_PORT: String(admin) },
    }).catch((e: unknown) => e);
    const ports = [port, admin].sort((a, b) => a - b).join(', ');
    expect((error as Error).message).toBe(
      `the server listens on several TCP ports (${ports}); give the one to test with port`,
    );
  });
});
