import { describe, expect, it } from 'vitest';
import { describeExit, printedSummary } from '../../../../harness/conformance/run/process-watch.js';

const line = (text: string, seq = 0) => ({ seq, stream: 'stderr' as const, text, sinceStartMs: 1 });

describe('what the server printed, in a reason', () => {
  it('reads a traceback as its start, its last place and its exception, not what followed', () => {
    const printed = printedSummary(
      [
        'WARNING:root:connection from 127.0.0.1',
        'Traceback (most recent call last):',
        '  File "/srv/chat.py", line 12, in run',
        '    self.loop()',
        '  File "/srv/chat.py", line 42, in loop',
        '    rcv = rcv + data.decode()',
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2",
        'WARNING:root:balas ke client: {"status": "OK"}',
      ].map((t, i) => line(t, i)),
    );
    expect(printedSummary([])).toBeUndefined();
    expect(printed).toBe(
      "Traceback (most recent call last): … File \"/srv/chat.py\", line 42, in loop … UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2",
    );
  });

  it('reads other output as its last lines, a long text keeping its end', () => {
    expect(printedSummary(['a', 'b', 'c', 'd'].map((t) => line(t)))).toBe('b … c … d');
    const long = printedSummary([line(`${'x'.repeat(500)} fatal: no user`)]);
    expect(long!.endsWith('fatal: no user')).toBe(true);
    expect(long!.length).toBeLessThanOrEqual(240);
  });

  it('names an exit by code, signal or the limit chatspec enforced', () => {
    const end = { lastLines: [], code: null, signal: null };
    expect(describeExit({ ...end, code: 3, reason: 'exited' })).toBe('exit code 3');
    expect(describeExit({ ...end, signal: 'SIGSEGV', reason: 'exited' })).toBe('killed by SIGSEGV');
    expect(describeExit({ ...end, signal: 'SIGKILL', reason: 'killed-memory' })).toBe(
      'killed by chatspec (memory limit)',
    );
  });
});
