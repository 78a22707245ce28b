/**
 * Session tokens are UUIDv4 from a CSPRNG and never derived from what a client sends: the
 * code path is checked, and so is a large sample of real logins over TCP (no repeats, the
 * version and variant bits, every random bit set about half the time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { WireClient } from '../reference-server/support/wire.js';

const LOGINS = 4000;
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
});
afterAll(() => server.close());

async function manyLogins(count: number, username: string, password: string): Promise<string[]> {
  const client = await WireClient.open(server.port);
  try {
    // Pipelined in batches: the server answers in order.
    const tokens: string[] = [];
    for (let done = 0; done < count; done += 500) {
      const n = Math.min(500, count - done);
      await client.send(`auth ${username} ${password} \r\n`.repeat(n));
      for (let i = 0; i < n; i++) tokens.push(String((await client.reply()).tokenid));
    }
    return tokens;
  } finally {
    client.close();
  }
}

describe('session tokens', () => {
  it('come from uuid v4 with no input: nothing a client sends reaches them', () => {
    const source = readFileSync(
      join(import.meta.dirname, '../../reference-server/server.ts'),
      'utf8',
    );
    expect(source).toMatch(/import \{ v4 as uuidv4 \} from 'uuid';/);
    // The only token source: uuidv4() called with no arguments (no seed, no namespace).
    expect(source).toMatch(/newToken: defects\.newToken\(\(\) => uuidv4\(\)\)/);
    expect(source.match(/uuidv4\(/g)).toHaveLength(1);
    // uuid's v4 draws from Web Crypto's getRandomValues (the OS CSPRNG), not Math.random.
    const uuidDir = join(import.meta.dirname, '../../node_modules/uuid/dist-node');
    const rng = readFileSync(join(uuidDir, 'rng.js'), 'utf8');
    expect(rng).toMatch(/crypto\.getRandomValues\(/);
    expect(rng).not.toMatch(/Math\.random/);
  });

  it(`are UUIDv4, never repeated, with unbiased random bits over ${LOGINS} logins`, async () => {
    const tokens = [
      ...(await manyLogins(LOGINS / 2, 'messi', 'surabaya')),
      ...(await manyLogins(LOGINS / 2, 'aul', 'sby')),
    ];
    expect(tokens.every((t) => UUID4.test(t))).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    // 122 random bits per token (the version and variant bits are fixed). Each must be set
    // in about half the tokens: 5 standard deviations either side of n/2.
    const counts = new Array<number>(128).fill(0);
    for (const token of tokens) {
      const hex = token.replaceAll('-', '');
      for (let bit = 0; bit < 128; bit++) {
        if ((parseInt(hex[bit >> 2]!, 16) >> (3 - (bit & 3))) & 1) counts[bit]!++;
      }
    }
    const fixed = new Set([48, 49, 50, 51, 64, 65]); // version nibble 0100, variant bits 10
    const n = tokens.length;
    const bound = 5 * Math.sqrt(n / 4);
    const biased = counts
      .map((c, bit) => ({ bit, c }))
      .filter(({ bit, c }) => !fixed.has(bit) && Math.abs(c - n / 2) > bound);
    expect(biased).toEqual([]);
    expect([48, 49, 50, 51, 64, 65].map((b) => counts[b])).toEqual([0, n, 0, 0, n, 0]);
  });

  it('say nothing of the user: two users logging in alternately share no structure', async () => {
    const a = await manyLogins(200, 'messi', 'surabaya');
    const b = await manyLogins(200, 'henderson', 'surabaya');
    for (const token of [...a, ...b]) {
      expect(token).not.toMatch(/messi|henderson|surabaya/);
    }
    // No common prefix longer than chance would give (8 hex digits is 1 in 4 billion).
    const prefixes = new Set([...a, ...b].map((t) => t.slice(0, 8)));
    expect(prefixes.size).toBe(400);
  });
});
