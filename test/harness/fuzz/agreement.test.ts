/**
 * One judge: against every catalogued defect and every profile, what the fuzzer finds is
 * named as the conformance suite names it — the same requirement id, at the same verdict.
 * The fuzzer may find less within its small budget, never a different row for the fault.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../../harness/fuzz/engine.js';
import { resolveFuzzOptions } from '../../../harness/fuzz/options.js';
import type { FuzzResult } from '../../../results/fuzz.js';
import { FuzzSetupError } from '../../../harness/fuzz/case-failure.js';
import { foundVerdict, type Verdict } from '../../../results/run.js';
import { runConformance } from '../../../harness/conformance/run/runner.js';
import { tcpDialer } from '../../../net/index.js';
import { DEFECTS, PROFILES, startServer } from '../../../reference-server/index.js';
import type { RequirementId } from '../../../specs/index.js';

/** Small and fixed: the agreement is about naming, not about finding everything. */
const FUZZ = { seed: 3, runs: 10, maxCommands: 25, timeoutMs: 500, shrinkTimeMs: 2000 };
/** Servers judged at once; each pair of runs is independent. */
const AT_ONCE = 4;

/** Verdicts that name a broken rule (a requirement's level decides which). */
const RULE_VERDICTS: ReadonlySet<Verdict> = new Set(['FAIL', 'NON-STRICT', 'INFORMATIONAL']);

interface Named {
  readonly requirement: RequirementId;
  readonly verdict: Verdict;
  readonly reason: string;
}

function fuzzFindings(result: FuzzResult): Named[] {
  const out: Named[] = [];
  for (const note of result.notes) {
    if (note.requirement !== undefined && RULE_VERDICTS.has(note.verdict))
      out.push({ requirement: note.requirement, verdict: note.verdict, reason: note.reason });
  }
  const f = result.failure;
  if (f?.requirement !== undefined && RULE_VERDICTS.has(f.verdict))
    out.push({ requirement: f.requirement, verdict: f.verdict, reason: f.reason });
  return out;
}

interface Server {
  readonly label: string;
  readonly options: Parameters<typeof startServer>[0];
}

const SERVERS: readonly Server[] = [
  ...DEFECTS.map((d) => ({ label: `defect ${d.name}`, options: { defects: [d.name] } })),
  ...PROFILES.map((p) => ({ label: `profile ${p.name}`, options: { profile: p.name } })),
];

/** Disagreements: a fuzz finding whose requirement the suite did not find at that verdict. */
async function disagreements(server: Server): Promise<string[]> {
  const suiteServer = await startServer({ host: '127.0.0.1', port: 0, ...server.options });
  const fuzzServer = await startServer({ host: '127.0.0.1', port: 0, ...server.options });
  try {
    const [suite, fuzzed] = await Promise.all([
      runConformance({ dialer: tcpDialer('127.0.0.1', suiteServer.port), timeoutMs: 2000 }),
      runFuzz(
        resolveFuzzOptions({
          target: { dialer: tcpDialer('127.0.0.1', fuzzServer.port) },
          ...FUZZ,
        }),
      ).catch((error: unknown) => error as Error),
    ]);
    // A server the fuzzer cannot set up against (one that dies early) finds nothing to name.
    if (fuzzed instanceof FuzzSetupError) return [];
    if (fuzzed instanceof Error) throw fuzzed;
    // Every verdict the suite's scenarios gave each requirement: a requirement's worst alone
    // would hide a text miss under a command the server lacks (UNIMPLEMENTED).
    const bySuite = new Map<string, Set<Verdict>>();
    for (const s of suite.scenarios) {
      for (const id of s.requirements) {
        const set = bySuite.get(id) ?? new Set<Verdict>();
        set.add(foundVerdict(s));
        bySuite.set(id, set);
      }
    }
    const out: string[] = [];
    for (const f of fuzzFindings(fuzzed)) {
      const suiteVerdicts = bySuite.get(f.requirement) ?? new Set<Verdict>();
      if (suiteVerdicts.has(f.verdict)) continue;
      // A text miss (NON-STRICT) under a MUST the suite failed for another reason: same row.
      if (suiteVerdicts.has('FAIL') && f.verdict === 'NON-STRICT') continue;
      out.push(
        `${server.label}: fuzz ${f.verdict} ${f.requirement} (${f.reason.slice(0, 120)}); suite ${f.requirement} ${[...suiteVerdicts].join('/') || 'absent'}`,
      );
    }
    return out;
  } finally {
    await Promise.all([suiteServer.close(), fuzzServer.close()]);
  }
}

describe('the fuzzer and the suite', () => {
  it('name the same requirement at the same verdict for every defect and profile', async () => {
    const found: string[] = [];
    const queue = [...SERVERS];
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        for (let s = queue.shift(); s !== undefined; s = queue.shift())
          found.push(...(await disagreements(s)));
      }),
    );
    expect(found.sort()).toEqual([]);
  }, 300_000);

  it.each([
    // A send_file whose filename is the empty word before the line end, stored nameless.
    ['splits-on-single-spaces', 'PROTO-5', 'PROTO-2'],
    // A group message not copied back to its sender.
    ['group-skips-sender', 'GROUP-7', 'GROUP-2'],
  ] as const)(
    'call %s %s, a SHOULD, never a FAIL of %s',
    async (defect, right, wrong) => {
      const server = await startServer({ host: '127.0.0.1', port: 0, defects: [defect] });
      try {
        const result = await runFuzz(
          resolveFuzzOptions({
            target: { dialer: tcpDialer('127.0.0.1', server.port) },
            seed: 1,
            runs: 100,
          }),
        );
        expect(result.failure).toBeUndefined();
        const named = fuzzFindings(result);
        expect(named.filter((f) => f.requirement === right).map((f) => f.verdict)).toContain(
          'NON-STRICT',
        );
        // (A text miss under the MUST, such as "Password Salah" for "auth messi ", is no FAIL.)
        expect(named.filter((f) => f.requirement === wrong && f.verdict === 'FAIL')).toEqual([]);
      } finally {
        await server.close();
      }
    },
    60_000,
  );
});
