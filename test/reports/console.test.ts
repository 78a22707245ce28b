/* eslint-disable no-control-regex -- these tests are about control characters */
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, Secrets } from '../../specs/index.js';
import { renderConsole, renderSummaryLine } from '../../reports/console.js';
import { HOSTILE_TEXT, entry, everyVerdict, run, scenario } from './factory.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const strip = (text: string): string => text.replace(ANSI, '');

/** The line of the report that shows scenario `id`. */
function lineOf(report: string, id: string): string {
  const line = report.split('\n').find((l) => l.includes(` ${id} `) || l.endsWith(` ${id}`));
  if (line === undefined) throw new Error(`no line for ${id}`);
  return line;
}

describe('renderConsole', () => {
  it('groups scenarios by command in table order, then FRAMING, then GENERAL', () => {
    const shuffled = [...everyVerdict()].reverse();
    const report = renderConsole(run(shuffled), { color: false });
    const headings = report
      .split('\n')
      .filter((line) => / — .*\(\d+ [A-Z-]+/.test(line))
      .map((line) => line.split(' ')[0]);
    expect(headings).toEqual(['AUTH', 'SEND', 'SEND_GROUP', 'FRAMING', 'GENERAL']);
    const order = [...COMMAND_NAMES, 'FRAMING', 'GENERAL'];
    expect(headings.map((h) => order.indexOf(h!))).toEqual(
      [...headings.map((h) => order.indexOf(h!))].sort((a, b) => a - b),
    );
  });

  it('keeps the runner order within a group and counts each group', () => {
    const scenarios = [
      scenario('auth/b', 'FAIL'),
      scenario('auth/a', 'PASS'),
      scenario('auth/c', 'PASS'),
    ];
    const report = renderConsole(run(scenarios), { color: false });
    expect(report).toContain('AUTH — log in; the reply carries the session token (2 PASS, 1 FAIL)');
    const positions = ['auth/b', 'auth/a', 'auth/c'].map((id) =>
      report.indexOf(lineOf(report, id)),
    );
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('puts verdict, id, requirement ids and title on each scenario line', () => {
    const report = renderConsole(
      run([
        scenario('auth/two', 'FAIL', { requirements: ['AUTH-1', 'AUTH-4'], title: 'Two logins' }),
      ]),
      { color: false },
    );
    expect(lineOf(report, 'auth/two')).toMatch(/^ {2}FAIL +auth\/two +AUTH-1,AUTH-4 +Two logins$/);
  });

  it('explains every verdict other than PASS and nothing under a PASS', () => {
    const scenarios = everyVerdict();
    const lines = renderConsole(run(scenarios), { color: false }).split('\n');
    for (const s of scenarios) {
      const at = lines.findIndex((l) => l.includes(` ${s.id} `));
      const next = lines[at + 1] ?? '';
      if (s.verdict === 'PASS') {
        expect(next).not.toMatch(/reason:/);
        continue;
      }
      expect(next.trim()).toBe(`reason:   ${s.reason}${s.step ? ` (at step ${s.step})` : ''}`);
      const block = lines.slice(at + 1, at + 8).join('\n');
      if (s.expected) expect(block).toContain(`expected: ${s.expected}`);
      if (s.actual) expect(block).toContain(`actual:   ${s.actual}`);
      expect(block).toMatch(/transcript(, \d+ entr|: empty)/);
    }
  });

  it('shows the last exchanges with time, connection, direction and visible line ends', () => {
    // Renderers show what they are given: the CLI masks passwords before (specs/secrets).
    const report = renderConsole(
      new Secrets().maskResult(run([scenario('auth/wrong-password', 'FAIL')])),
      {
        color: false,
      },
    );
    expect(report).toContain('0.5 ms  a → auth messi *** \\r\\n');
    expect(report).not.toContain('surabaya');
    expect(report).toContain('1.5 ms  a ← {"status":"OK","tokenid":"t"}\\r\\n\\r\\n');
  });

  it('bounds the transcript excerpt in entries and characters, keeping the framing at the end', () => {
    const transcript = Array.from({ length: 50 }, (_, i) =>
      entry(i % 2 === 0 ? 'sent' : 'received', `${i}:${'y'.repeat(10_000)}\r\n\r\n`, i),
    );
    const report = renderConsole(run([scenario('auth/chatty', 'FAIL', { transcript })]), {
      color: false,
    });
    expect(report).toContain('transcript, last 6 of 50 entries');
    expect(report).toContain('44:yyy');
    expect(report).not.toContain('43:yyy');
    expect(report.length).toBeLessThan(3_000);
    const entryLines = report.split('\n').filter((l) => /^ +\d+\.\d ms +a [→←] /.test(l));
    expect(entryLines).toHaveLength(6);
    for (const line of entryLines) {
      expect(line.length).toBeLessThan(240);
      expect(line.endsWith('\\r\\n\\r\\n')).toBe(true);
    }
  });

  it('ends with the summary line: count per verdict, duration and target', () => {
    const scenarios = [
      ...Array.from({ length: 61 }, (_, i) => scenario(`auth/p${i}`, 'PASS')),
      scenario('send/a', 'NON-STRICT', { group: 'SEND' }),
      scenario('send/b', 'NON-STRICT', { group: 'SEND' }),
      scenario('auth/f', 'FAIL'),
    ];
    const report = renderConsole(run(scenarios, { durationMs: 1234 }), { color: false });
    expect(report.endsWith('\n')).toBe(true);
    expect(report.trimEnd().split('\n').at(-1)).toBe(
      '64 scenarios: 61 PASS, 2 NON-STRICT, 1 FAIL (1.23 s) against 127.0.0.1:8889',
    );
  });

  it('says which scenarios did not run, and why, without an empty transcript', () => {
    const scenarios = [
      scenario('auth/login', 'PASS'),
      scenario('send_group/roles', 'INFORMATIONAL', {
        group: 'SEND_GROUP',
        notRun: 'fixture',
        reason: 'no group with three members',
        expected: undefined,
        actual: undefined,
        transcript: [],
      }),
    ];
    const report = renderConsole(run(scenarios), { color: false });
    expect(report).toContain(
      "      reason:   no group with three members\n      not run:  the fixture's users and groups cannot fill its roles\n",
    );
    expect(report).not.toContain('transcript: empty');
    expect(report.trimEnd().split('\n').at(-1)).toBe(
      '2 scenarios: 1 PASS, 1 INFORMATIONAL; 1 not run (1.23 s) against 127.0.0.1:8889',
    );
  });

  it('names the embedded reference server and reads well with no scenario at all', () => {
    const result = run([], {
      target: { address: '127.0.0.1:40123', embedded: true },
      durationMs: 4,
    });
    expect(renderSummaryLine(result, false)).toBe(
      '0 scenarios (0.00 s) against 127.0.0.1:40123 (embedded reference server)',
    );
    expect(renderConsole(result, { color: false }).split('\n')[0]).toBe(
      'chatspec 0.1.0 conformance run against 127.0.0.1:40123 (embedded reference server)',
    );
  });

  it('says when the run started, the reply timeout and whether it was strict', () => {
    const lenient = renderConsole(run(everyVerdict()), { color: false }).split('\n');
    expect(lenient[1]).toBe('started 2026-11-25T19:00:00.000Z, reply timeout 2000 ms, not strict');
    const strict = renderConsole(run(everyVerdict(), { strict: true, timeoutMs: 500 }), {
      color: false,
    }).split('\n');
    expect(strict[1]).toBe(
      'started 2026-11-25T19:00:00.000Z, reply timeout 500 ms, strict (NON-STRICT and UNIMPLEMENTED fail the run)',
    );
  });

  it('explains the transcript arrows once, and only when a transcript is shown', () => {
    const failing = renderConsole(run(everyVerdict()), { color: false });
    expect(failing.match(/→ sent, ← received, · event/g)).toHaveLength(1);
    const passing = renderConsole(run([scenario('auth/login', 'PASS')]), { color: false });
    expect(passing).not.toContain('← received');
  });

  it('writes no escape code at all without colour, even when the server sent some', () => {
    const hostile = scenario('auth/hostile', 'FAIL', {
      actual: HOSTILE_TEXT,
      transcript: [entry('received', HOSTILE_TEXT)],
    });
    const report = renderConsole(run([...everyVerdict(), hostile]), { color: false });
    expect(report).not.toContain('\x1b');
    // Only line feeds of our own; everything the server sent is spelled out.
    expect(report).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(report).toContain('NUL\\x00 ESC\\x1b[31mred\\x1b[0m');
  });

  it('colours verdicts when asked, without changing a single visible character', () => {
    const hostile = scenario('auth/hostile', 'FAIL', {
      transcript: [entry('received', HOSTILE_TEXT)],
    });
    const result = run([...everyVerdict(), hostile]);
    const plain = renderConsole(result, { color: false });
    const coloured = renderConsole(result, { color: true });
    expect(coloured).not.toBe(plain);
    expect(strip(coloured)).toBe(plain);
    const codeBefore = (id: string): string | undefined =>
      /^ {2}\x1b\[(\d+)m/.exec(lineOf(coloured, id))?.[1];
    expect(codeBefore('auth/login')).toBe('32'); // PASS green
    expect(codeBefore('send/text')).toBe('33'); // NON-STRICT yellow
    expect(codeBefore('framing/bare-lf')).toBe('36'); // INFORMATIONAL cyan
    expect(codeBefore('send_group/unimplemented')).toBe('35'); // UNIMPLEMENTED magenta
    expect(codeBefore('auth/wrong-password')).toBe('31'); // FAIL red
    expect(codeBefore('general/unknown-command')).toBe('31'); // ERROR red
    // The server's own escape codes stay spelled out in colour mode too.
    expect(coloured).toContain('ESC\\x1b[31mred');
    expect(coloured.match(ANSI)!.every((code) => /^\x1b\[(1|2|22|3[1-6]|39)m$/.test(code))).toBe(
      true,
    );
  });
});
