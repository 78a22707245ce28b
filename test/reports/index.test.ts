/**
 * The public entry on a real run: the conformance engine against the embedded reference
 * server over loopback, every renderer on its result. Catches drift between what the runner
 * produces and what the renderers and the schema expect, which hand-built results cannot.
 */
import { tcpDialer } from '../../net/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../reference-server/index.js';
import { SEED_FIXTURE } from '../../specs/index.js';
import { runConformance } from '../../harness/index.js';
import type { RunResult } from '../../results/run.js';
import {
  REPORT_FILES,
  parseRunResult,
  renderConsole,
  renderJson,
  renderJunit,
  renderProgress,
} from '../../reports/index.js';
import { childrenNamed, parseXml } from './xml-reader.js';

let result: RunResult;
const progress: string[] = [];

beforeAll(async () => {
  const server = await startServer({ host: '127.0.0.1', port: 0, fixture: SEED_FIXTURE });
  try {
    result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      embedded: true,
      timeoutMs: 5000,
      onScenario: (last, done, total) =>
        progress.push(renderProgress(done, total, last, { color: false })),
    });
  } finally {
    await server.close();
  }
}, 60_000);

afterAll(() => {
  if (process.env.CHATSPEC_SHOW_REPORT)
    process.stderr.write(renderConsole(result, { color: true }));
});

describe('reports/index on a real run against the reference server', () => {
  it('names the report files', () => {
    expect(REPORT_FILES).toEqual({
      json: 'report.json',
      junit: 'junit.xml',
      html: 'report.html',
      markdown: 'summary.md',
    });
  });

  it('writes a report.json that reads back unchanged', () => {
    const text = renderJson(result);
    expect(renderJson(parseRunResult(text))).toBe(text);
  });

  it('writes a console report whose summary line counts every scenario', () => {
    const report = renderConsole(result, { color: false });
    const summary = report.trimEnd().split('\n').at(-1)!;
    expect(summary).toMatch(
      new RegExp(
        `^${result.scenarios.length} scenarios: .* against \\S+ \\(embedded reference server\\)$`,
      ),
    );
    const counted = [
      ...summary.matchAll(/(\d+) (PASS|INFORMATIONAL|NON-STRICT|UNIMPLEMENTED|FAIL|ERROR)\b/g),
    ];
    expect(counted.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(result.scenarios.length);
    for (const scenario of result.scenarios) expect(report).toContain(` ${scenario.id} `);
  });

  it('writes a junit.xml with one test case per scenario', () => {
    const root = parseXml(renderJunit(result));
    const cases = childrenNamed(root, 'testsuite').flatMap((s) => childrenNamed(s, 'testcase'));
    expect(cases).toHaveLength(result.scenarios.length);
    expect(Number(root.attributes.tests)).toBe(result.scenarios.length);
  });

  it('rendered one progress line per scenario, the last at 100%', () => {
    expect(progress).toHaveLength(result.scenarios.length);
    expect(progress.at(-1)).toMatch(/^\[(\d+)\/\1\] 100%/);
  });
});
