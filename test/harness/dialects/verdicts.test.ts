/**
 * `test --dialect`: a reference server speaking another dialect, tested in that dialect,
 * gets the verdicts the canonical server gets in the canonical one, apart from UNIMPLEMENTED
 * for the commands the dialect lacks and the few checks a dialect makes impossible (each
 * listed below with its reason). Real TCP on loopback.
 */
import { tcpDialer } from '../../../net/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../reference-server/index.js';
import { runConformance } from '../../../harness/index.js';
import { type RunResult, type Verdict } from '../../../results/index.js';
import { builtinDialect, type CommandName } from '../../../specs/index.js';

async function verdicts(
  dialect: string | undefined,
): Promise<{ run: RunResult; by: Map<string, Verdict> }> {
  const server = await startServer({ host: '127.0.0.1', port: 0, ...(dialect ? { dialect } : {}) });
  try {
    const run = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      ...(dialect ? { dialect: builtinDialect(dialect) } : {}),
      runId: 'dialects',
    });
    return { run, by: new Map(run.scenarios.map((s) => [s.id, s.verdict])) };
  } finally {
    await server.close();
  }
}

/** Checks a dialect makes impossible, and the verdict they get instead. */
const EXPECTED_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, Verdict>>>> = {
  // Plain strings carry no msg_from: the full-name SHOULD cannot be met (INBOX-4).
  'string-inbox': {
    'inbox/entry-full-names': 'INFORMATIONAL',
    'send_group/entry-full-names': 'INFORMATIONAL',
  },
  // The scenario writes raw bytes in the document's spelling (AUTH), which this server lacks.
  login: { 'protocol/upper-case-command': 'INFORMATIONAL' },
};

let canonical: Map<string, Verdict>;

beforeAll(async () => {
  const result = await verdicts(undefined);
  canonical = result.by;
  expect(result.run.dialect).toEqual({
    name: 'canonical',
    source: 'builtin:canonical',
    how: 'default',
    differences: [],
  });
}, 120_000);

describe('a dialect server tested in its dialect gets the canonical verdicts', () => {
  it.each([
    'renamed-verbs',
    'login',
    'token-id',
    'group-first',
    'flat-files',
    'string-inbox',
    'english',
    'no-group-file',
    'keep-inbox',
    'member-list',
  ])(
    '%s',
    async (name) => {
      const { run, by } = await verdicts(name);
      expect(run.dialect?.name).toBe(name);
      expect(run.dialect?.how).toBe('given');
      expect(run.dialect?.differences.length).toBeGreaterThan(0);
      const dialect = builtinDialect(name);
      const lacking = new Set<CommandName>(
        (Object.keys(dialect.spec.commands) as CommandName[]).filter((c) => !dialect.supports(c)),
      );
      const allowed = EXPECTED_DIFFERENCES[name] ?? {};
      const unexpected: string[] = [];
      for (const scenario of run.scenarios) {
        const want = canonical.get(scenario.id);
        if (scenario.verdict === want) continue;
        if (allowed[scenario.id] === scenario.verdict) continue;
        // Only a command the dialect lacks may make a scenario unimplemented, or another
        // scenario that needs it not checkable.
        const lacked = [...lacking].some((c) => scenario.reason.includes(c.toLowerCase()));
        if (lacked && scenario.verdict === 'UNIMPLEMENTED') continue;
        if (lacked && scenario.verdict === 'INFORMATIONAL' && /not checkable/.test(scenario.reason))
          continue;
        unexpected.push(
          `${scenario.id}: ${scenario.verdict} (canonical ${want}): ${scenario.reason}`,
        );
      }
      expect(unexpected).toEqual([]);
      expect(by.size).toBe(canonical.size);
      if (lacking.size > 0) expect(run.summary.UNIMPLEMENTED).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('the comparison can fail', () => {
  it('a server that never empties its inbox, tested in the canonical dialect, differs', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0, dialect: 'keep-inbox' });
    try {
      const run = await runConformance({
        dialer: tcpDialer('127.0.0.1', server.port),
        runId: 'dialects',
      });
      const differing = run.scenarios.filter((s) => s.verdict !== canonical.get(s.id));
      expect(differing.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});
