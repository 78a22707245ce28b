/**
 * Launching servers in namespaces of their own: real Python processes, real TCP made inside
 * each namespace and handed back.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolationAvailable, LaunchError, type ProcessEnd } from '../../launch/index.js';
import { login, WireClient } from '../reference-server/support/wire.js';
import { FIXTURES, launchFixture, waitForLine } from './support.js';

describe('a launched server in its own namespace', () => {
  it('answers on the port it binds, and its traceback shows in the lines since a mark', async () => {
    const server = await launchFixture('split_char_server.py');
    expect(server.isolation).toBe('namespace');
    expect(server.port).toBe(8889);
    const client = await WireClient.dial(server.dialer);
    const token = await login(client, 'messi', 'surabaya');

    const mark = server.output.mark();
    // 'é' is two bytes; its first byte ends one of the server's 32-byte reads, its second
    // begins the next.
    const head = `send ${token} henderson `;
    const boundary = Math.ceil((Buffer.byteLength(head) + 1) / 32) * 32;
    const line = `${head}${'x'.repeat(boundary - 1 - Buffer.byteLength(head))}é \r\n`;
    expect(Buffer.from(line).subarray(boundary - 1, boundary + 1)).toEqual(Buffer.from('é'));
    await client.send(line);
    await waitForLine(server, mark, /UnicodeDecodeError/);
    const since = server.output.linesSince(mark);
    expect(since.some((l) => l.stream === 'stderr' && l.text.startsWith('Traceback'))).toBe(true);
    expect(await client.staysSilent(300)).toBe(true);
    expect(client.closed).toBe(false);

    // Only that connection's thread died.
    const other = await WireClient.dial(server.dialer);
    expect(await login(other, 'henderson', 'surabaya')).toMatch(/^[0-9a-f-]{36}$/);
    client.close();
    other.close();
  });

  it('runs the server in a session of its own (no Ctrl-C from the terminal), as its own user', async () => {
    const server = await launchFixture('split_char_server.py');
    const [, agent, ...tree] = await server.processIds();
    const row = (pid: number): string[] =>
      execFileSync('ps', ['-o', 'sid=,uid=,comm=', '-p', String(pid)], { encoding: 'utf8' })
        .trim()
        .split(/\s+/);
    const python = tree.map(row).find((fields) => fields[2]?.startsWith('python'));
    expect(python).toBeDefined();
    const [sid, uid] = python!;
    expect(Number(sid)).not.toBe(Number(row(process.pid)[0]));
    expect(Number(sid)).not.toBe(Number(row(agent!)[0]));
    if (process.getuid?.() === 0) expect(Number(uid)).toBe(100_000 + agent!);
  });

  it("takes a namespace for 'auto' where namespaces work, without a notice", async () => {
    expect(await isolationAvailable()).toBe(true);
    const server = await launchFixture('split_char_server.py', { isolation: 'auto' });
    expect(server.isolation).toBe('namespace');
    expect(server.notice).toBeUndefined();
  });

  it('runs several servers at once, each on its own 8889', async () => {
    const servers = await Promise.all([1, 2, 3].map(() => launchFixture('split_char_server.py')));
    for (const server of servers) expect(server.port).toBe(8889);
    const tokens = new Set<string>();
    for (const server of servers) {
      const client = await WireClient.dial(server.dialer);
      tokens.add(await login(client, 'lineker', 'surabaya'));
      client.close();
    }
    expect(tokens.size).toBe(3);
  });

  it("reports the server's own exit at once, with its code and last line", async () => {
    const server = await launchFixture('exit_server.py');
    const client = await WireClient.dial(server.dialer);
    const token = await login(client, 'messi', 'surabaya');
    const exit = once(server, 'exit') as Promise<[ProcessEnd]>;
    await client.send(`send ${token} crash hello \r\n`);
    const [end] = await exit;
    expect(end).toMatchObject({ code: 3, signal: null, reason: 'exited' });
    expect(end.lastLines.at(-1)?.text).toBe('fatal: no user crash, giving up');
    expect(await server.exited).toBe(end);
    await expect(server.dialer.dial(1000)).rejects.toThrow(/exited with code 3/);
    client.close();
  });

  it('fails within the start timeout when no port opens, quoting what the server printed', async () => {
    const error = await launchFixture('no_port_server.py', { startTimeoutMs: 1500 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LaunchError);
    expect((error as Error).message).toBe(
      'server did not open a TCP port within 1500 ms; it printed: server starting, loading users...',
    );
  });

  it('fails with one line when the command cannot run', async () => {
    const missingFile = await launchFixture('no_such_server.py').catch((e: unknown) => e);
    expect(missingFile).toBeInstanceOf(LaunchError);
    expect((missingFile as Error).message).toMatch(
      /^server exited with code 2 before opening a port; it printed: .*can't open file .*no_such_server\.py/,
    );
    const missingCommand = await launchFixture('x', { command: 'pyhton3 server.py' }).catch(
      (e: unknown) => e,
    );
    expect((missingCommand as Error).message).toMatch(
      /^server exited with code 127 before opening a port; it printed: .*pyhton3: not found$/,
    );
    expect((missingCommand as Error).message).not.toContain('\n');
  });

  it('refuses a folder larger than the limit instead of copying it', async () => {
    await expect(launchFixture('split_char_server.py', { maxFolderBytes: 100 })).rejects.toThrow(
      `${FIXTURES.replace(/\/$/, '')} holds more than 100 bytes; point cwd at the server's own folder`,
    );
  });

  it('needs the port when the server opens several, and takes the one given', async () => {
    const error = await launchFixture('two_ports_server.py').catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'the server listens on several TCP ports (8889, 8890); give the one to test with port',
    );
    await expect(
      launchFixture('two_ports_server.py', { port: 9999, startTimeoutMs: 1500 }),
    ).rejects.toThrow('server did not open port 9999 within 1500 ms; it printed nothing');
    const server = await launchFixture('two_ports_server.py', { port: 8890 });
    expect(server.port).toBe(8890);
    const client = await WireClient.dial(server.dialer);
    expect(await login(client, 'messi', 'surabaya')).toMatch(/^[0-9a-f-]{36}$/);
    client.close();
  });

  it('runs the setup first, in the scratch folder, offline, and fails with its exit code', async () => {
    const server = await launchFixture('split_char_server.py', {
      // The interfaces the setup sees, one per line: only lo in a fresh namespace.
      setup: "echo compiled > built.txt && tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '",
      command: 'test -f built.txt && python3 split_char_server.py',
    });
    expect(server.output.tail(100).map((l) => l.text)).toContain('lo');
    expect(server.output.tail(100).filter((l) => /^(eth|ens|enp|veth|wl)/.test(l.text))).toEqual(
      [],
    );
    const client = await WireClient.dial(server.dialer);
    expect(await login(client, 'messi', 'surabaya')).toMatch(/^[0-9a-f-]{36}$/);
    client.close();
    expect(existsSync(join(FIXTURES, 'built.txt'))).toBe(false);

    const failed = await launchFixture('split_char_server.py', {
      setup: 'echo cc: error >&2; exit 4',
    }).catch((e: unknown) => e);
    expect((failed as Error).message).toBe(
      'setup `echo cc: error >&2; exit 4` exited with code 4; it printed: cc: error',
    );
    await expect(
      launchFixture('split_char_server.py', {
        setup: 'echo compiling; sleep 30',
        setupTimeoutMs: 500,
      }),
    ).rejects.toThrow(
      'setup `echo compiling; sleep 30` did not finish within 500 ms; it printed: compiling',
    );
  });
});
