import { afterEach, describe, expect, it } from 'vitest';
import { requestDescriber } from '../../reference-server/request-log.js';
import { SEED_FIXTURE } from '../../specs/index.js';

const describeRequestForLog = requestDescriber(undefined, SEED_FIXTURE);
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { WireClient } from './support/wire.js';

describe('request log lines', () => {
  it('mask the password and summarise file data by its length', () => {
    expect(describeRequestForLog('auth messi surabaya \r\n')).toBe(
      'auth username=messi password=***',
    );
    expect(describeRequestForLog('AUTH messi surabaya')).toBe('auth username=messi password=***');
    expect(describeRequestForLog('send_file s aul f.bin QUJDRA==')).toBe(
      'send_file session=s to=aul filename=f.bin data=<8 base64 chars>',
    );
    expect(describeRequestForLog(`send s aul ${'z'.repeat(100)}`)).toBe(
      `send session=s to=aul text=${'z'.repeat(64)}…`,
    );
  });

  it('name a refused line by its error and verb only', () => {
    expect(describeRequestForLog('auth messi')).toBe('missing_params "auth"');
    expect(describeRequestForLog('hapus semua rahasia')).toBe('unknown_command "hapus"');
  });

  describe('of a running server', () => {
    let server: RunningServer | undefined;
    afterEach(async () => {
      await server?.close();
    });

    it('never contain a password, right or wrong, however the request is spelt', async () => {
      const lines: string[] = [];
      server = await startServer({ port: 0, log: (line) => lines.push(line) });
      const c = await WireClient.open(server.port);
      for (const request of [
        'auth messi surabaya \r\n',
        'auth messi Sekret-123 \r\n',
        'AUTH\tmessi\tSekret-123\n',
        'auth nobody Sekret-123 extra \r\n',
        'auth messi  surabaya\r\n',
      ]) {
        expect((await c.request(request)).status).toMatch(/^(OK|ERROR)$/);
      }
      c.close();
      await c.waitClosed();
      await server.close();
      expect(lines.length).toBeGreaterThanOrEqual(6); // connect and 5 requests
      expect(lines.some((l) => l.includes('auth username=messi password=***'))).toBe(true);
      for (const line of lines) {
        expect(line).not.toContain('surabaya');
        expect(line).not.toContain('Sekret-123');
      }
    });
  });
});
