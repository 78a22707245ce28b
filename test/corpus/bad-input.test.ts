/**
 * The bad-input corpus against the reference server over real TCP: every case gets its
 * documented replies (or close), and a login afterwards is answered correctly on the same
 * connection (when it is still open) and on a new one.
 */
import { tcpDialer } from '../../net/index.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, runCorpusCase } from '../../harness/corpus/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { SEED_FIXTURE, builtinDialect } from '../../specs/index.js';

const CORPUS_DIR = join(import.meta.dirname, 'bad-input');
const corpus = loadCorpus(CORPUS_DIR);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
});
afterAll(() => server.close());

describe('the bad-input corpus', () => {
  it('holds at least 60 cases, covering every kind the protocol must survive', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const prefix of ['blank-', 'nul-', 'utf8-', 'cr-', 'crlf-', 'tabs-', 'params-10000']) {
      expect(
        corpus.some((c) => c.name.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    for (const name of ['line-100-mib', 'blank-one-mib-of-spaces', 'base64-not-base64']) {
      expect(corpus.map((c) => c.name)).toContain(name);
    }
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const outcome = await runCorpusCase(c, {
      dialer: tcpDialer(server.host, server.port),
      fixture: SEED_FIXTURE,
      timeoutMs: 5000,
    });
    expect(outcome.problems).toEqual([]);
  });
});

describe('the corpus runner', () => {
  async function problemsAgainst(defect: string, name: string): Promise<readonly string[]> {
    const defective = await startServer({ host: '127.0.0.1', port: 0, defects: [defect] });
    try {
      const c = corpus.find((x) => x.name === name)!;
      const outcome = await runCorpusCase(c, {
        dialer: tcpDialer(defective.host, defective.port),
        fixture: SEED_FIXTURE,
        timeoutMs: 300,
      });
      return outcome.problems;
    } finally {
      await defective.close();
    }
  }

  it("logs in and checks the server's sanity in the server's dialect", async () => {
    const spoken = await startServer({ host: '127.0.0.1', port: 0, dialect: 'token-id' });
    try {
      const c = corpus.find((x) => x.name === 'nul-in-verb')!;
      const options = {
        dialer: tcpDialer(spoken.host, spoken.port),
        fixture: SEED_FIXTURE,
        timeoutMs: 5000,
      };
      await expect(runCorpusCase(c, options)).rejects.toThrow(/login of \w+ failed/);
      const outcome = await runCorpusCase(c, { ...options, dialect: builtinDialect('token-id') });
      expect(outcome.problems).toEqual([]);
    } finally {
      await spoken.close();
    }
  });

  it('notices a server that hangs on garbage', async () => {
    const problems = await problemsAgainst('hangs-on-unknown-command', 'nul-in-verb');
    expect(problems.join('\n')).toMatch(/reply 1: no reply within 300 ms/);
  });

  it('notices a server that takes a forged token for a session', async () => {
    const problems = await problemsAgainst('any-token-accepted', 'token-last-character-changed');
    expect(problems.join('\n')).toMatch(/reply 1: status "OK", not ERROR/);
  });

  it('notices a server that closes on missing params, on the same connection', async () => {
    const problems = await problemsAgainst('closes-on-missing-params', 'missing-send-text');
    expect(problems.join('\n')).toMatch(/reply 1: connection closed/);
  });
});
