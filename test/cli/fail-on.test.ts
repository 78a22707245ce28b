/**
 * `--fail-on must|should|never` (and `--strict`, its alias for should) against reference
 * servers with one defect each, over real TCP: the exit code follows the rule, and the
 * Markdown summary says what a CI job summary should.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { runChatspec } from './support/run-cli.js';

let nonStrict: RunningServer;
let failing: RunningServer;
beforeAll(async () => {
  nonStrict = await startServer({ host: '127.0.0.1', port: 0, defects: ['wrong-error-text'] });
  failing = await startServer({ host: '127.0.0.1', port: 0, defects: ['wrong-password-accepted'] });
});
afterAll(async () => {
  await nonStrict.close();
  await failing.close();
});

async function run(server: RunningServer, ...flags: string[]) {
  const out = await mkdtemp(join(tmpdir(), 'chatspec-failon-'));
  const exit = await runChatspec(
    [
      'test',
      `127.0.0.1:${server.port}`,
      '--only',
      'auth/',
      '--out',
      out,
      '--no-progress',
      ...flags,
    ],
    60_000,
  );
  return { ...exit, out };
}

describe('--fail-on', () => {
  it('must: NON-STRICT passes, FAIL fails; should and --strict: NON-STRICT fails; never: exit 0', async () => {
    const codes = await Promise.all([
      run(nonStrict),
      run(nonStrict, '--fail-on', 'must'),
      run(nonStrict, '--fail-on', 'should'),
      run(nonStrict, '--strict'),
      run(failing, '--fail-on', 'must'),
      run(failing, '--fail-on', 'never'),
    ]);
    expect(codes.map((c) => c.code)).toEqual([0, 0, 1, 1, 1, 0]);
  }, 120_000);

  it('refuses a contradiction and an unknown level with exit 2', async () => {
    const contradiction = await run(nonStrict, '--strict', '--fail-on', 'must');
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain('--strict means --fail-on should');
    const unknown = await run(nonStrict, '--fail-on', 'sometimes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Allowed choices are must, should, never/);
  }, 60_000);
});

describe('--reporter markdown', () => {
  it('writes summary.md for $GITHUB_STEP_SUMMARY: verdicts, score and what failed', async () => {
    const { code, out } = await run(failing, '--reporter', 'markdown,html', '--fail-on', 'never');
    expect(code).toBe(0);
    const md = await readFile(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/^## ❌ chatspec conformance: 127\.0\.0\.1:\d+\n/);
    expect(md).toMatch(/MUST met \d+\/\d+/);
    expect(md).toContain('### Requirements not met');
    expect(md).toMatch(/\| AUTH-\d+ \| MUST \| FAIL \|/);
    const page = await readFile(join(out, 'report.html'), 'utf8');
    expect(page).toContain('data-verdict="FAIL"');
  }, 60_000);
});
