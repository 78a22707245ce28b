/** The output log: lines per stream, positions, a bounded ring and a rate limit. */
import { describe, expect, it } from 'vitest';
import { lastLinesText, OutputLog } from '../../launch/index.js';

describe('the output log', () => {
  it('splits lines per stream, even a character split across chunks, and cuts at a mark', () => {
    const log = new OutputLog(1024 * 1024, 1024 * 1024);
    const e = Buffer.from('é');
    log.write('stdout', Buffer.concat([Buffer.from('caf'), e.subarray(0, 1)]));
    log.write('stderr', Buffer.from('Traceback\r\n'));
    const mark = log.mark();
    log.write('stdout', Buffer.concat([e.subarray(1), Buffer.from('\nnext')]));
    log.end('stdout');
    expect(log.tail(10).map((l) => [l.stream, l.text])).toEqual([
      ['stderr', 'Traceback'],
      ['stdout', 'café'],
      ['stdout', 'next'],
    ]);
    expect(log.linesSince(mark).map((l) => l.text)).toEqual(['café', 'next']);
  });

  it('keeps only the newest lines within its size', () => {
    const log = new OutputLog(1024, 1024 * 1024);
    for (let i = 0; i < 200; i++) log.write('stdout', Buffer.from(`line ${i}\n`));
    const kept = log.tail(1000);
    expect(kept.at(-1)?.text).toBe('line 199');
    expect(kept.reduce((n, l) => n + l.text.length + 1, 0)).toBeLessThanOrEqual(1024);
    expect(log.evictedLines).toBe(200 - kept.length);
    expect(log.linesSince(0)).toEqual(kept);
  });

  it('drops lines beyond its rate and says how many on the next line kept', () => {
    const log = new OutputLog(1024 * 1024, 1024);
    const line = `${'x'.repeat(99)}\n`;
    log.write('stdout', Buffer.from(line.repeat(50)));
    expect(log.tail(100)).toHaveLength(10);
    expect(log.droppedLines).toBe(40);
  });

  it('cuts a line without end, so one line cannot fill the log', () => {
    const log = new OutputLog(1024 * 1024, 1024 * 1024);
    log.write('stdout', Buffer.from('y'.repeat(10_000)));
    expect(log.tail(10).map((l) => l.text.length)).toEqual([4096, 4096]);
  });

  it('quotes the last lines on one line for an error', () => {
    const log = new OutputLog(1024, 1024);
    expect(lastLinesText(log.tail(3))).toBe('it printed nothing');
    log.write('stderr', Buffer.from('Traceback:\n  File "x"\n\nError: boom\n'));
    expect(lastLinesText(log.tail(3))).toBe('it printed: File "x" | Error: boom');
  });
});
