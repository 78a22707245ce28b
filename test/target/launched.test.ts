/** A launched server as a Target: one dialer across restarts, a cap on restarts. */
import { afterEach, describe, expect, it } from 'vitest';
import { openLaunchedTarget, type LaunchedTarget } from '../../target/launched.js';
import { login, WireClient } from '../reference-server/support/wire.js';
import { FIXTURES } from '../launch/support.js';

let target: LaunchedTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe('a launched target', () => {
  it('restarts a crashed server in a fresh namespace, dialed through the same dialer', async () => {
    target = await openLaunchedTarget({
      command: 'python3 exit_server.py',
      cwd: FIXTURES,
      isolation: 'namespace',
      maxRestarts: 1,
    });
    expect(target.kind).toBe('launched');
    expect(target.description).toBe(
      'python3 exit_server.py (in its own network namespace, port 8889)',
    );
    const dialer = target.dialer;
    const first = target.server;
    const client = await WireClient.dial(dialer);
    const token = await login(client, 'messi', 'surabaya');
    await client.send(`send ${token} crash hi \r\n`);
    expect((await first.exited).code).toBe(3);
    client.close();
    await expect(dialer.dial(1000)).rejects.toThrow(/the server exited with code 3/);

    const second = await target.restart();
    expect(second).not.toBe(first);
    expect(target.server).toBe(second);
    expect(target.restarts).toBe(1);
    const again = await WireClient.dial(dialer);
    expect(await login(again, 'messi', 'surabaya')).toMatch(/^[0-9a-f-]{36}$/);
    again.close();
    await expect(target.restart()).rejects.toThrow(
      'the server was restarted 1 times already (the limit)',
    );
  });
});
