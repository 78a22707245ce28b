/**
 * chatspec's own inputs under abuse (fast-check): random and mutated fixture, scenario,
 * dialect, corpus, report, load-result and workload files. Each parser returns a value or
 * throws its own error, whose first line names the file, the place and the problem.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { TargetsFileError, parseTargets } from '../../harness/class/targets.js';
import { CorpusError, parseCorpusCase } from '../../harness/corpus/index.js';
import { ScenarioFileError, parseScenarioText } from '../../harness/index.js';
import { packageRoot } from '../../specs/package-root.js';
import { ResultFileError, rawFromDocument, readResultFile } from '../../results/load/read.js';
import { WorkloadError, loadWorkloadFile, parseMix } from '../../load/workload/parse.js';
import { ReportFormatError, parseRunResult, renderJson } from '../../reports/index.js';
import {
  DialectError,
  FixtureError,
  SEED_FIXTURE,
  loadFixtureFile,
  parseDialect,
} from '../../specs/index.js';
import { run, scenario } from '../reports/factory.js';
import {
  expectCleanOutcome,
  expectCleanOutcomeAsync,
  mutatedJson,
  mutatedText,
  randomText,
} from './support.js';

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'chatspec-inputs-'));
const RUNS = { numRuns: 150 };
const text = (path: string): string => readFileSync(join(root, path), 'utf8');

function inputs(valid: string, json?: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    randomText,
    mutatedText(valid),
    ...(json === undefined ? [] : [mutatedJson(json)]),
  );
}

/** A YAML alias bomb: a few lines that expand to billions of nodes if aliases are followed. */
const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'scenarios: [*f]',
].join('\n');

describe('fixture files (--fixture)', () => {
  const valid = JSON.stringify(SEED_FIXTURE, null, 2);
  it('random and mutated', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(inputs(valid, SEED_FIXTURE), async (content) => {
        const path = join(dir, `fixture-${n++}.json`);
        writeFileSync(path, content);
        await expectCleanOutcomeAsync(() => loadFixtureFile(path), FixtureError, path);
      }),
      RUNS,
    );
  });
});

describe('scenario files (--scenario)', () => {
  const valid = text('specs/scenarios/send.yaml');
  it('random and mutated', () => {
    fc.assert(
      fc.property(inputs(valid), (content) =>
        expectCleanOutcome(() => parseScenarioText(content, 'x.yaml'), ScenarioFileError, 'x.yaml'),
      ),
      RUNS,
    );
  });
  it('an alias bomb', () => {
    expectCleanOutcome(() => parseScenarioText(ALIAS_BOMB, 'x.yaml'), ScenarioFileError, 'x.yaml');
  });
});

describe('dialect files (--dialect)', () => {
  const valid = text('specs/dialects/renamed-verbs.yaml');
  it('random and mutated', () => {
    fc.assert(
      fc.property(inputs(valid), (content) =>
        expectCleanOutcome(() => parseDialect(content, 'd.yaml'), DialectError, 'd.yaml'),
      ),
      RUNS,
    );
  });
  it('an alias bomb', () => {
    expectCleanOutcome(() => parseDialect(ALIAS_BOMB, 'd.yaml'), DialectError, 'd.yaml');
  });
});

describe('bad-input corpus cases', () => {
  const valid = text('test/corpus/bad-input/nul-in-filename.yaml');
  it('random and mutated', () => {
    fc.assert(
      fc.property(inputs(valid), (content) =>
        expectCleanOutcome(() => parseCorpusCase(content, 'c.yaml'), CorpusError, 'c.yaml'),
      ),
      RUNS,
    );
  });
  it('an alias bomb', () => {
    expectCleanOutcome(() => parseCorpusCase(ALIAS_BOMB, 'c.yaml'), CorpusError, 'c.yaml');
  });
});

describe('report.json (report, compare)', () => {
  const result = run([scenario('auth/wrong-password', 'FAIL'), scenario('send/ok', 'PASS')]);
  const valid = renderJson(result);
  it('random and mutated', () => {
    fc.assert(
      fc.property(inputs(valid, JSON.parse(valid)), (content) =>
        expectCleanOutcome(() => parseRunResult(content, 'r.json'), ReportFormatError, 'r.json'),
      ),
      RUNS,
    );
  });
});

describe('load results (load merge)', () => {
  let valid = '{}';
  beforeAll(() => {
    // A real result, from the built CLI against its embedded server.
    valid = execFileSync(
      process.execPath,
      [join(root, 'bin/chatspec.js'), 'load', '-c', '2', '-a', '20', '--json', '--no-progress'],
      { encoding: 'utf8', timeout: 30_000 },
    );
  });
  it('random and mutated documents', () => {
    fc.assert(
      fc.property(fc.oneof(randomText, mutatedJson(JSON.parse(valid))), (content) => {
        let value: unknown;
        try {
          value = JSON.parse(content);
        } catch {
          return; // not JSON: the file reader's own case, below
        }
        expectCleanOutcome(() => rawFromDocument(value, 'l.json'), ResultFileError, 'l.json');
      }),
      RUNS,
    );
  });
  it('random and mutated files', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomText, mutatedText(valid)), async (content) => {
        const path = join(dir, `load-${n++}.json`);
        writeFileSync(path, content);
        await expectCleanOutcomeAsync(() => readResultFile(path), ResultFileError, path);
      }),
      { numRuns: 60 },
    );
  });
});

describe('workloads (--workload)', () => {
  const valid = 'name: files\nmix:\n  send_file: 3\n  download_file: 1\nfileSizeBytes: 4096\n';
  it('random and mutated files', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(inputs(valid), async (content) => {
        const path = join(dir, `workload-${n++}.yaml`);
        writeFileSync(path, content);
        await expectCleanOutcomeAsync(() => loadWorkloadFile(path), WorkloadError, path);
      }),
      RUNS,
    );
  });
  it('random mixes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutatedText('send:70,inbox:20,send_group:10')), (mix) =>
        expectCleanOutcome(() => parseMix(mix, 'mix'), WorkloadError, 'mix'),
      ),
      RUNS,
    );
  });
});

describe('targets files (--targets)', () => {
  const valid =
    '- name: alice\n  address: 127.0.0.1:8889\n  fixture: fx/alice.json\n- name: bob\n  address: "[::1]:9000"\n  dialect: canonical\n  probe: true\n';
  const json = [
    { name: 'alice', address: '127.0.0.1:8889', fixture: 'fx/alice.json' },
    { name: 'bob', address: '[::1]:9000', dialect: 'canonical', probe: true },
  ];
  it('random and mutated', () => {
    fc.assert(
      fc.property(inputs(valid, json), (content) =>
        expectCleanOutcome(() => parseTargets(content, 't.yaml'), TargetsFileError, 't.yaml'),
      ),
      RUNS,
    );
  });
  it('an alias bomb', () => {
    expectCleanOutcome(() => parseTargets(ALIAS_BOMB, 't.yaml'), TargetsFileError, 't.yaml');
  });
});
