/**
 * What a launched server printed is evidence in every report: the console's evidence block,
 * junit.xml's <system-out> (also for a passing scenario), the HTML page and report.json.
 */
import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../reports/console.js';
import { renderTestHtml } from '../../reports/html/test-report.js';
import { renderJson } from '../../reports/json.js';
import { renderJunit } from '../../reports/junit.js';
import { parseRunResult } from '../../reports/parse.js';
import { run, scenario } from './factory.js';

const traceback = [
  { stream: 'stderr' as const, text: 'Traceback (most recent call last):', sinceStartMs: 900 },
  { stream: 'stderr' as const, text: '  File "server.py", line 42, in run', sinceStartMs: 901 },
  {
    stream: 'stderr' as const,
    text: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3",
    sinceStartMs: 902,
  },
];

const result = run(
  [
    scenario('framing/split-utf8', 'ERROR', {
      group: 'FRAMING',
      requirements: ['FRAME-10'],
      reason: 'step 2: no reply within 5000 ms; the server printed: Traceback … UnicodeDecodeError',
      serverOutput: traceback,
    }),
    scenario('auth/ok', 'PASS', {
      serverOutput: [{ stream: 'stdout', text: 'connection from 127.0.0.1', sinceStartMs: 5 }],
      afterRestart: 1,
    }),
  ],
  {
    process: {
      restarts: 1,
      exits: [{ scenario: 'framing/split-utf8', code: 1, signal: null, reason: 'exited' }],
      memoryAtStartBytes: 10 * 1024 * 1024,
      memoryAtEndBytes: 12 * 1024 * 1024,
      idleCpu: { cpuSeconds: 0, coreShare: 0, windowMs: 2000 },
    },
  },
);

describe('server output in the reports', () => {
  it('sits in the console evidence of its scenario, and the process is summed up once', () => {
    const text = renderConsole(result, { color: false });
    const block = text.slice(text.indexOf('framing/split-utf8'));
    expect(block).toContain('the server printed, 3 lines:');
    expect(block).toContain("err UnicodeDecodeError: 'utf-8' codec");
    expect(text).toMatch(
      /server process: 1 exit \(first in framing\/split-utf8\), 1 restart; memory 10\.0 MiB at start, 12\.0 MiB at end; idle CPU 0\.00 s in 2\.0 s/,
    );
  });

  it('goes into junit.xml as system-out, for a passing scenario too', () => {
    const xml = renderJunit(result);
    expect(xml).toContain('UnicodeDecodeError');
    const passing = xml.slice(xml.indexOf('auth/ok'));
    expect(passing.slice(0, passing.indexOf('</testcase>'))).toMatch(
      /<system-out><!\[CDATA\[the server printed, 1 line:\n {2}out connection from 127\.0\.0\.1\]\]><\/system-out>/,
    );
  });

  it('shows in the HTML transcript, stderr marked, with the restart and the process section', () => {
    const page = renderTestHtml(result);
    expect(page).toContain('<span class="s-stderr">Traceback (most recent call last):</span>');
    expect(page).toContain('restart 1 of the server');
    expect(page).toContain("The server's process");
    expect(page).toContain('12.0 MiB at end');
  });

  it('round-trips through report.json', () => {
    const back = parseRunResult(renderJson(result));
    expect(back.scenarios[0]!.serverOutput).toEqual(traceback);
    expect(back.scenarios[1]!.afterRestart).toBe(1);
    expect(back.process?.exits[0]?.code).toBe(1);
  });
});
