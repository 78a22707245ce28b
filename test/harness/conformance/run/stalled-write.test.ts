import { tcpDialer } from '../../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenarioText, runConformance } from '../../../../harness/index.js';
import { serveModel, type ModelDouble } from '../../../support/model-server.js';

/**
 * A server that answers like the model until a connection has sent it more than
 * `stopAfterBytes`, then never reads from that connection again: the client's large write
 * can never finish.
 */
function startStallingServer(stopAfterBytes: number): Promise<ModelDouble> {
  let n = 0;
  return serveModel({
    newToken: () => `token-${++n}`,
    maxLineBytes: 64 * 1024 * 1024,
    connection: (socket) => {
      let received = 0;
      return {
        beforeDecode: (chunk) => {
          received += chunk.length;
          if (received <= stopAfterBytes) return true;
          socket.pause();
          return false;
        },
      };
    },
  });
}

const HUGE_FILE = `
version: 1
group: SEND_FILE
scenarios:
  - id: custom/huge-file
    title: a file far larger than the socket buffers, to a server that stops reading
    requirements: [SENDFILE-1]
    roles: { a: user, b: user }
    payloads:
      big: { random: 12582912, seed: 7 }
    steps:
      - login: a
      - request: { command: SEND_FILE, to: '\${b}', filename: 'big-\${tag}.bin', data: '\${big}' }
        as: a
        expect: { status: OK }
`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('a request write the server never takes', () => {
  it('ends within the scenario budget as ERROR instead of hanging the run', async () => {
    const server = await startStallingServer(64 * 1024);
    close = server.close;
    const timeoutMs = 1000;
    const started = performance.now();
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      scenarios: parseScenarioText(HUGE_FILE, 'huge.yaml'),
      timeoutMs,
    });
    const elapsedMs = performance.now() - started;
    expect(result.scenarios).toHaveLength(1);
    expect(result.scenarios[0]).toMatchObject({ id: 'custom/huge-file', verdict: 'ERROR' });
    expect(result.scenarios[0]!.transcript.some((e) => /server stopped reading/.test(e.text))).toBe(
      true,
    );
    // One scenario's budget plus the health probes before and after it.
    expect(elapsedMs).toBeLessThan(timeoutMs * 4);
  });
});
