/**
 * deploy/kubernetes/ read as Kubernetes would (the yaml package) and its command lines run
 * through the CLI's real command tree (commander, with the actions replaced by a recorder):
 * a flag renamed or a value the CLI would refuse fails here, not in someone's cluster. The
 * Indexed Job's pods get shards 0…N-1 of N with distinct result files, and the merge job
 * drains the same target and merges exactly those files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { registerCompare } from '../../cli/compare.js';
import { registerGrade } from '../../cli/grade.js';
import { serverFolder } from '../../cli/class-run.js';
import { registerLoad } from '../../cli/load.js';
import { registerServe } from '../../cli/serve.js';
import { ROOT } from '../cli/support/run-cli.js';
import type { CommandContext } from '../../cli/io.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function manifests(file: string): Promise<Doc[]> {
  const text = await readFile(join(ROOT, 'deploy/kubernetes', file), 'utf8');
  return parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });
}

interface Parsed {
  readonly path: string;
  readonly args: readonly string[];
  readonly flags: Record<string, unknown>;
}

/** Parses `argv` (after `chatspec`) with the CLI's own commands; nothing runs. */
async function parseCli(argv: readonly string[]): Promise<Parsed> {
  const program = new Command().exitOverride().configureOutput({
    writeErr: (text) => {
      throw new Error(`commander refused ${JSON.stringify(argv)}: ${text.trim()}`);
    },
  });
  // The actions are replaced below before anything runs, so nothing is written or exited.
  const context: CommandContext = {
    io: {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
      handleSignals: false,
    },
    exitWith: () => {},
  };
  registerServe(program, context);
  registerLoad(program, context);
  registerGrade(program, context);
  registerCompare(program, context);
  let parsed: Parsed | undefined;
  const record = (command: Command, path: string): void => {
    command.exitOverride().action((...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      parsed = {
        path,
        args: self.args,
        flags: self.optsWithGlobals(),
      };
    });
  };
  for (const command of program.commands) {
    record(command, command.name());
    for (const sub of command.commands) record(sub, `${command.name()} ${sub.name()}`);
  }
  await program.parseAsync([...argv], { from: 'user' });
  if (parsed === undefined) throw new Error(`no command ran for ${JSON.stringify(argv)}`);
  return parsed;
}

/** Kubernetes' `$(VAR)` expansion in args, from the container's env. */
function expandK8s(text: string, env: Record<string, string>): string {
  return text.replace(/\$\(([A-Z_][A-Z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
}

function envOf(container: Doc): Record<string, string> {
  return Object.fromEntries(
    (container.env as Doc[]).filter((e) => 'value' in e).map((e) => [e.name, String(e.value)]),
  );
}

/** The chatspec invocations of a `sh -c` script: `node /app/bin/chatspec.js …` joined by &&. */
function shellCommands(
  script: string,
  env: Record<string, string>,
  glob: (pattern: string) => string[],
): string[][] {
  return script.split('&&').map((part) => {
    const words = part
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^"(.*)"$/, '$1').replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, n) => env[n]!));
    expect(words.slice(0, 2)).toEqual(['node', '/app/bin/chatspec.js']);
    return words.slice(2).flatMap((w) => (w.includes('*') ? glob(w) : [w]));
  });
}

describe('deploy/kubernetes', () => {
  it('runs N shards of one load as an Indexed Job, then drains and merges exactly them', async () => {
    const [job] = await manifests('load-job.yaml');
    const [merge] = await manifests('merge-job.yaml');
    const [pvc] = await manifests('results-pvc.yaml');
    expect(job!.kind).toBe('Job');
    expect(job!.spec.completionMode).toBe('Indexed');
    const n = job!.spec.completions as number;
    expect(job!.spec.parallelism).toBe(n);
    expect(job!.spec.backoffLimit).toBe(0);
    const container = job!.spec.template.spec.containers[0] as Doc;
    const env = envOf(container);
    expect(Number(env.SHARDS)).toBe(n);
    expect(container.command).toEqual(['node', '/app/bin/chatspec.js']);
    const indexEnv = (container.env as Doc[]).find((e) => e.name === 'JOB_COMPLETION_INDEX')!;
    expect(indexEnv.valueFrom.fieldRef.fieldPath).toMatch(/job-completion-index/);

    const outs: string[] = [];
    for (let i = 0; i < n; i++) {
      const argv = (container.args as string[]).map((a) =>
        expandK8s(a, { ...env, JOB_COMPLETION_INDEX: String(i) }),
      );
      const parsed = await parseCli(argv);
      expect(parsed.path).toBe('load');
      expect(parsed.args).toEqual([env.TARGET]);
      expect(parsed.flags).toMatchObject({
        shard: { index: i, count: n },
        allowRemote: true,
        audit: true,
        json: true,
        seed: 1,
        progress: false,
      });
      outs.push(parsed.flags.out as string);
    }
    expect(new Set(outs).size).toBe(n);
    for (const out of outs) expect(out.startsWith('/results/')).toBe(true);

    const mergeContainer = merge!.spec.template.spec.containers[0] as Doc;
    expect(mergeContainer.command).toEqual(['/bin/sh', '-c']);
    const mergeEnv = envOf(mergeContainer);
    expect(mergeEnv.TARGET).toBe(env.TARGET);
    const glob = (pattern: string): string[] => {
      const re = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace('*', '[^/]*')}$`);
      const matched = outs.filter((o) => re.test(o));
      expect(matched.length).toBeGreaterThan(0);
      return matched;
    };
    const [drainArgv, mergeArgv] = shellCommands(mergeContainer.args[0] as string, mergeEnv, glob);
    const drain = await parseCli(drainArgv!);
    expect(drain.path).toBe('load drain');
    expect(drain.args).toEqual([env.TARGET]);
    expect(drain.flags.allowRemote).toBe(true);
    const merged = await parseCli(mergeArgv!);
    expect(merged.path).toBe('load merge');
    expect([...merged.args].sort()).toEqual([...outs, drain.flags.out as string].sort());
    expect(merged.flags.out).toMatch(/^\/results\//);

    // One volume for all of it.
    const claim = (d: Doc): string =>
      d.spec.template.spec.volumes[0].persistentVolumeClaim.claimName;
    expect(claim(job!)).toBe(pvc!.metadata.name);
    expect(claim(merge!)).toBe(pvc!.metadata.name);
    expect(pvc!.spec.accessModes).toContain('ReadWriteMany');
    for (const c of [container, mergeContainer]) {
      expect(c.volumeMounts[0].mountPath).toBe('/results');
    }
  });

  it('gives the example server a Service on the port the jobs load', async () => {
    const [deployment, service] = await manifests('reference-server.yaml');
    const container = deployment!.spec.template.spec.containers[0] as Doc;
    const parsed = await parseCli(container.args as string[]);
    expect(parsed.path).toBe('serve');
    const [job] = await manifests('load-job.yaml');
    const target = envOf(job!.spec.template.spec.containers[0] as Doc).TARGET!;
    const [host, port] = target.split(':');
    expect(host!.split('.')[0]).toBe(service!.metadata.name);
    expect(String(parsed.flags.port)).toBe(port);
    expect(service!.spec.ports[0].port).toBe(Number(port));
    expect(service!.spec.selector).toEqual(deployment!.spec.selector.matchLabels);
  });

  it('grades a class with one pod per submission, then builds the matrix with compare', async () => {
    const [job] = await manifests('grade-job.yaml');
    const [matrix] = await manifests('grade-matrix-job.yaml');
    const [submissions] = await manifests('submissions-pvc.yaml');
    const [results] = await manifests('results-pvc.yaml');
    expect(job!.spec.completionMode).toBe('Indexed');
    const n = job!.spec.completions as number;
    expect(job!.spec.parallelism).toBe(n);
    const pod = job!.spec.template.spec;
    const container = pod.containers[0] as Doc;
    // One whole core per pod: a server's verdicts never depend on its neighbours.
    expect(container.resources.requests.cpu).toBe(container.resources.limits.cpu);
    expect(Number(container.resources.requests.cpu)).toBeGreaterThanOrEqual(1);
    const env = envOf(container);
    const script = container.args[0] as string;
    // Pod i takes the (i+1)-th folder; each writes its own reports.
    const folders = Array.from({ length: n }, (_, i) => `/submissions/student-${i}/`);
    const parts = script.split('&&').map((p) => p.trim());
    expect(parts[0]).toBe('DIR=$(ls -d /submissions/*/ | sed -n "$((JOB_COMPLETION_INDEX + 1))p")');
    const reports: string[] = [];
    for (const [i, dir] of folders.entries()) {
      const name = `student-${i}`;
      const vars: Record<string, string> = { ...env, DIR: dir, NAME: name };
      const words = parts
        .at(-1)!
        .match(/"[^"]*"|\S+/g)!
        .map((w) =>
          w.replace(/^"(.*)"$/, '$1').replace(/\$([A-Z_]+)/g, (_, v: string) => vars[v]!),
        );
      expect(words.slice(0, 2)).toEqual(['node', '/app/bin/chatspec.js']);
      const parsed = await parseCli(words.slice(2));
      expect(parsed.path).toBe('grade');
      expect(parsed.args).toEqual([dir]);
      expect(parsed.flags).toMatchObject({
        run: env.RUN,
        isolation: 'none',
        failOn: 'never',
        reporter: ['json'],
        out: `/results/grade/${name}`,
      });
      reports.push(`/results/grade/${name}/servers/${serverFolder(name, 0)}/report.json`);
    }
    const mounts = Object.fromEntries((container.volumeMounts as Doc[]).map((m) => [m.name, m]));
    expect(mounts.submissions!.mountPath).toBe('/submissions');
    expect(mounts.submissions!.readOnly).toBe(true);
    expect(mounts.results!.mountPath).toBe('/results');
    const claims = Object.fromEntries(
      (pod.volumes as Doc[]).map((v) => [v.name, v.persistentVolumeClaim.claimName]),
    );
    expect(claims).toEqual({
      submissions: submissions!.metadata.name,
      results: results!.metadata.name,
    });

    const last = matrix!.spec.template.spec.containers[0] as Doc;
    const [argv] = shellCommands(last.args[0] as string, {}, (pattern) => {
      const re = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
      return reports.filter((r) => re.test(r));
    });
    const compare = await parseCli(argv!);
    expect(compare.path).toBe('compare');
    expect([...compare.args].sort()).toEqual([...reports].sort());
    expect(compare.flags.out).toMatch(/^\/results\//);
    expect(last.volumeMounts[0].mountPath).toBe('/results');
    expect(matrix!.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(
      results!.metadata.name,
    );
  });

  it('builds an image that holds the runtime the submissions need', async () => {
    const dockerfile = await readFile(join(ROOT, 'deploy/Dockerfile'), 'utf8');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/apt-get install[^\n]*(\\\n[^\n]*)*python3/);
  });

  it('would catch a flag the CLI does not have', async () => {
    await expect(parseCli(['load', 'x:1', '--shards', '0/2'])).rejects.toThrow(/unknown option/);
    await expect(parseCli(['load', 'x:1', '--shard', '2/2'])).rejects.toThrow(/--shard must be/);
  });
});
