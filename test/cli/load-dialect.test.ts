/**
 * `chatspec load --dialect`: the workload keeps only the commands the dialect has, says once
 * which it left out, and worker threads rebuild the dialect from its plain spec. Against the
 * embedded reference server, over real TCP on loopback.
 */
import { describe, expect, it } from 'vitest';
import type { LoadReport } from '../../results/index.js';
import { runChatspec } from './support/run-cli.js';

describe('load --dialect', () => {
  it('leaves out what the dialect lacks, once, also in worker threads', async () => {
    const run = await runChatspec(
      [
        'load',
        '--dialect',
        'no-group-file',
        '-w',
        'send:50,send_group_file:50',
        '-c',
        '4',
        '-d',
        '1',
        '--workers',
        '2',
        '--audit',
        '--json',
      ],
      40_000,
    );
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      'chatspec: dialect no-group-file has no SEND_GROUP_FILE: send_group_file left out of the workload',
    ]);
    const report = JSON.parse(run.stdout) as LoadReport;
    expect(Object.keys(report.commands).sort()).toEqual(['auth', 'send']);
    expect(report.workload.mix).toBe('send:50');
    expect(report.workers).toBe(2);
    expect(report.errors + report.non2xx).toBe(0);
    expect(report.audit?.passed).toBe(true);
  }, 60_000);

  it('refuses a workload made only of missing commands, and an unknown dialect', async () => {
    const none = await runChatspec(
      ['load', '--dialect', 'no-group-file', '-w', 'send_group_file:1', '-d', '1'],
      20_000,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /uses only commands dialect "no-group-file" lacks \(SEND_GROUP_FILE\)/,
    );
    const unknown = await runChatspec(['load', '--dialect', 'klingon', '-d', '1'], 20_000);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no built-in dialect "klingon"/);
  }, 40_000);
});
