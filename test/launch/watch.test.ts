/**
 * Watching a launched server: the CPU its tree burns while no client is connected, and its
 * resident memory. The thresholds are behaviour, not speed: a thread spinning on recv()
 * returning b'' is always runnable and gets whatever share of a core a busy shared machine
 * gives it (a full core when idle, a tenth under a load of twenty), never nothing; a quiet
 * server is never runnable and uses no CPU at all.
 */
import { describe, expect, it } from 'vitest';
import { login, WireClient } from '../reference-server/support/wire.js';
import { launchFixture } from './support.js';

async function connectAndLeave(server: Awaited<ReturnType<typeof launchFixture>>): Promise<void> {
  for (const user of ['messi', 'henderson']) {
    const client = await WireClient.dial(server.dialer);
    await login(client, user, 'surabaya');
    client.close();
    await client.waitClosed();
  }
}

describe('watching a launched server', () => {
  it('sees a handler spinning after its client left, and a quiet server idle', async () => {
    const [spinning, quiet] = await Promise.all([
      launchFixture('spin_server.py'),
      launchFixture('split_char_server.py'),
    ]);
    await connectAndLeave(spinning);
    await connectAndLeave(quiet);
    const window = { settleMs: 300, windowMs: 1000 };
    const [spin, idle] = await Promise.all([
      spinning.measureIdleCpu(window),
      quiet.measureIdleCpu(window),
    ]);
    // Five clock ticks or more of CPU in a second of nothing to do; the quiet one, one at most.
    expect(spin.cpuSeconds).toBeGreaterThanOrEqual(0.05);
    expect(idle.cpuSeconds).toBeLessThanOrEqual(0.01);
    expect(idle.coreShare).toBeLessThan(0.1);
  });

  it("measures the tree's resident memory (a Python interpreter is megabytes)", async () => {
    const server = await launchFixture('split_char_server.py');
    const bytes = await server.memory();
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(bytes).toBeLessThan(512 * 1024 * 1024);
  });

  it('kills a server whose tree outgrows the memory limit, and says so', async () => {
    const server = await launchFixture('x', {
      // Fills 64 MiB on its first connection: far over a 16 MiB limit.
      command:
        "python3 -c \"import socket,time; s=socket.socket(); s.bind(('0.0.0.0',8889)); s.listen(); c=s.accept(); b=b'x'*(64<<20); time.sleep(60)\"",
      memoryLimitBytes: 16 * 1024 * 1024,
      watchIntervalMs: 100,
    });
    const client = await server.dialer.dial(2000);
    const end = await server.exited;
    client.destroy();
    expect(end.reason).toBe('killed-memory');
    expect(end.detail).toMatch(/^resident memory \d+ MiB over the 16 MiB limit$/);
  });

  it('kills a server that outlives its deadline', async () => {
    const server = await launchFixture('split_char_server.py', { deadlineMs: 1500 });
    const end = await server.exited;
    expect(end.reason).toBe('killed-deadline');
    expect(end.signal).toBe('SIGKILL');
  });
});
