/**
 * The package as users get it, and the CI examples of docs/ci.md run as written: `npm pack`
 * makes the tarball, `npm install ./chatspec-*.tgz` in an empty folder gives a working
 * `npx chatspec`, and then the GitHub Actions steps and the GitLab CI script, taken out of
 * docs/ci.md, run in that folder against chatspec's reference server (only SERVER_CMD,
 * SERVER_PORT and CHATSPEC are replaced). Registry traffic is npm's own, bounded in time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/support/run-cli.js';
import { closedPort } from '../support/ports.js';

let dir: string;
let app: string;
let tarball: string;
const started: number[] = [];

function sh(script: string, cwd: string, env: Record<string, string> = {}, timeoutMs = 120_000) {
  return spawnSync('bash', ['-e', '-c', script], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The fenced yaml block under a heading of docs/ci.md. */
function yamlUnder(heading: string): unknown {
  const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
  const section = doc.slice(doc.indexOf(`## ${heading}`));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`docs/ci.md: no yaml block under "## ${heading}"`);
  return parseYaml(match[1]!);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-pack-'));
  // dist/ as `npm test` built it: packing without scripts, since prepack would build dist/
  // again while other test files run the CLI from it, and a file read mid-write fails them.
  const pack = sh(
    `npm pack --silent --ignore-scripts --pack-destination '${dir}'`,
    ROOT,
    {},
    300_000,
  );
  expect(pack.status, pack.stderr).toBe(0);
  tarball = join(
    dir,
    readdirSync(dir).find((f) => /^chatspec-.*\.tgz$/.test(f))!,
  );
  app = join(dir, 'app');
  const install = sh(
    `mkdir -p '${app}' && cd '${app}' && npm install --no-save --no-audit --no-fund '${tarball}'`,
    dir,
    {},
    300_000,
  );
  expect(install.status, install.stderr).toBe(0);
}, 660_000);

afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already stopped by the pipeline's own step.
    }
  }
});

describe('the packed tarball', () => {
  it('ships the compiled CLI and the data it reads, and no sources or tests', () => {
    const list = sh(`tar -tzf '${tarball}'`, dir).stdout.split('\n');
    expect(list).toContain('package/dist/cli/main.js');
    expect(list).toContain('package/dist/harness/class/worker-entry.js');
    expect(list.some((f) => f.startsWith('package/specs/scenarios/'))).toBe(true);
    expect(list.some((f) => f.startsWith('package/test/'))).toBe(false);
    expect(list.some((f) => /^package\/(cli|harness|reports)\/.*\.ts$/.test(f))).toBe(false);
  });

  it('installed into an empty folder gives a working npx chatspec test', () => {
    const run = sh('npx chatspec test --only auth/ --reporter console,html --no-progress', app);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+ scenarios: \d+ PASS .*embedded reference server/);
    expect(existsSync(join(app, 'chatspec-report/report.html'))).toBe(true);
  }, 120_000);
});

describe('docs/ci.md', () => {
  async function environment(): Promise<Record<string, string>> {
    const port = await closedPort();
    return {
      CHATSPEC: tarball,
      SERVER_CMD: `node ${join(app, 'node_modules/chatspec/bin/chatspec.js')} serve --port ${port}`,
      SERVER_PORT: String(port),
    };
  }

  function remember(cwd: string): void {
    const file = join(cwd, 'server.pid');
    if (existsSync(file)) started.push(Number(readFileSync(file, 'utf8').trim()));
  }

  it('GitHub Actions: every run step works as written, the summary and reports are there', async () => {
    const workflow = yamlUnder('GitHub Actions') as {
      jobs: {
        conformance: {
          env: Record<string, string>;
          steps: Array<{ run?: string; uses?: string; if?: string }>;
        };
      };
    };
    const job = workflow.jobs.conformance;
    expect(Object.keys(job.env).sort()).toEqual(['CHATSPEC', 'SERVER_CMD', 'SERVER_PORT']);
    const cwd = await mkdtemp(join(app, 'gh-'));
    writeFileSync(join(cwd, 'package.json'), '{"name":"student-server","private":true}\n');
    const summary = join(cwd, 'step-summary.md');
    const env = { ...(await environment()), GITHUB_STEP_SUMMARY: summary };
    const runs = job.steps.filter((s) => s.run !== undefined);
    expect(runs.length).toBeGreaterThanOrEqual(5);
    for (const step of runs) {
      const result = sh(step.run!, cwd, env, 240_000);
      remember(cwd);
      expect(result.status, `${step.run}\n${result.stdout}\n${result.stderr}`).toBe(0);
    }
    expect(readFileSync(summary, 'utf8')).toMatch(/^## ✅ chatspec conformance: 127\.0\.0\.1:\d+/);
    for (const file of ['junit.xml', 'report.html', 'summary.md']) {
      expect(existsSync(join(cwd, 'chatspec-report', file)), file).toBe(true);
    }
    expect(await readFile(join(cwd, 'chatspec-report/junit.xml'), 'utf8')).toContain('<testsuites');
  }, 600_000);

  it('GitLab CI: the script and after_script work as written, the artifacts are there', async () => {
    const pipeline = yamlUnder('GitLab CI') as {
      conformance: {
        variables: Record<string, string>;
        script: string[];
        after_script: string[];
        artifacts: { paths: string[]; reports: { junit: string } };
      };
    };
    const job = pipeline.conformance;
    const cwd = await mkdtemp(join(app, 'gl-'));
    writeFileSync(join(cwd, 'package.json'), '{"name":"student-server","private":true}\n');
    const env = await environment();
    for (const line of job.script) {
      const result = sh(line, cwd, env, 240_000);
      remember(cwd);
      expect(result.status, `${line}\n${result.stdout}\n${result.stderr}`).toBe(0);
    }
    for (const line of job.after_script) expect(sh(line, cwd, env).status).toBe(0);
    for (const path of [...job.artifacts.paths, job.artifacts.reports.junit]) {
      expect(existsSync(join(cwd, path)), path).toBe(true);
    }
  }, 600_000);
});
