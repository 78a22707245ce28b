/** `chatspec test`'s grading flags: the default rubric printed, bad files refused on one line. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRubric } from '../../specs/rubric/rubric.js';
import { runChatspec } from './support/run-cli.js';

describe('chatspec test: grading flags', () => {
  it('--print-rubric prints the default rubric, which reads back as a rubric', async () => {
    const exit = await runChatspec(['test', '--print-rubric'], 30_000);
    expect(exit.code).toBe(0);
    expect(parseRubric(exit.stdout, 'printed').name).toBe('default');
  });

  it('a bad rubric file is refused with one line naming the file, line and setting (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-rubric-'));
    const rubric = join(dir, 'rubric.yaml');
    await writeFile(rubric, 'name: x\npoints:\n  requirements: { SEND-99: 1 }\n');
    const exit = await runChatspec(['test', '127.0.0.1:1', '--rubric', rubric], 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain(
      `${rubric}:3: points.requirements.SEND-99: not a requirement id of the protocol`,
    );
  });

  it('a grading file pins its settings: a flag it also sets is refused (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-grading-'));
    const grading = join(dir, 'grading.yaml');
    await writeFile(grading, 'chatspec: 0.1.0\nprobe: true\n');
    const exit = await runChatspec(
      ['test', '127.0.0.1:1', '--grading', grading, '--dialect', 'english'],
      30_000,
    );
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('--dialect and --grading exclude each other');
  });
});

describe('chatspec test --targets with a grading file', () => {
  it('refuses a dialect the class run would not use: each server’s is in the targets file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-grading-'));
    const grading = join(dir, 'grading.yaml');
    const targets = join(dir, 'class.yaml');
    await writeFile(grading, 'chatspec: 0.1.0\ndialect: english\n');
    await writeFile(targets, 'targets:\n  - name: a\n    address: 127.0.0.1:1\n');
    const exit = await runChatspec(['test', '--targets', targets, '--grading', grading], 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('a class run takes dialect and probe per server');
  });
});
