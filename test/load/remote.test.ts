/**
 * Load outside loopback needs consent. A server in a network namespace this test creates is
 * the only non-loopback target: refused without --allow-remote (before any connection), loaded
 * with it. Where namespaces cannot be made (not root, no iproute2), the flag path alone runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runChatspec } from '../cli/support/run-cli.js';
import {
  createNamespaceHosts,
  namespacesUnavailable,
  serveInNamespace,
  type NamespaceHosts,
} from '../support/netns.js';

const unavailable = await namespacesUnavailable();
if (unavailable !== undefined) {
  console.warn(`remote load on a namespace host skipped: ${unavailable}`);
}

describe('load to a remote address', () => {
  it('is refused without --allow-remote, naming the flag, before any traffic', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never routed. The refusal comes before any connect.
    const run = await runChatspec(['load', '192.0.2.7:8889', '-d', '1'], 20_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to send load to 192\.0\.2\.7.*pass --allow-remote/);
    expect(run.stdout).toBe('');
  });

  describe.skipIf(unavailable !== undefined)('on a namespace host', () => {
    let hosts: NamespaceHosts | undefined;
    let server: { port: number; stop(): Promise<void> } | undefined;

    beforeAll(async () => {
      hosts = await createNamespaceHosts(1);
      server = await serveInNamespace(hosts.hosts[0]!, BIN);
    }, 20_000);

    afterAll(async () => {
      await server?.stop();
      await hosts?.remove();
    }, 15_000);

    it('is refused without the flag and loaded with it', async () => {
      const target = `${hosts!.hosts[0]!.address}:${server!.port}`;
      const refused = await runChatspec(['load', target, '-d', '1'], 20_000);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--allow-remote/);

      const run = await runChatspec(
        ['load', target, '--allow-remote', '-c', '4', '-d', '1', '--audit', '--json'],
        30_000,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as {
        target: string;
        requests: { total: number };
        audit: { passed: boolean; acknowledged: number };
      };
      expect(report.target).toBe(target);
      expect(report.requests.total).toBeGreaterThan(10);
      expect(report.audit.passed).toBe(true);
    }, 40_000);
  });
});
