/** The load report as text: autocannon's tables, our tables and lines, colour only when asked. */
import { describe, expect, it } from 'vitest';
import {
  renderAudit,
  renderAutocannonTables,
  renderCommandTable,
  renderLoadProgress,
  renderLoadReport,
  renderOutcomes,
  toAutocannonResult,
} from '../../../reports/load/index.js';
import { printable, table } from '../../../reports/load/text.js';
import { renderHeader } from '../../../reports/load/summary.js';
import { auditedReport, loadReport } from './factory.js';

// eslint-disable-next-line no-control-regex -- looking for escape codes is the point
const ESCAPES = /\x1b\[/;

describe('the header', () => {
  it('names the worker threads a run used, one in the singular', () => {
    expect(renderHeader(loadReport({ workers: 0 }))).not.toMatch(/worker/);
    expect(renderHeader(loadReport({ workers: 1 }))).toMatch(/, 1 worker thread\n/);
    expect(renderHeader(loadReport({ workers: 3 }))).toMatch(/, 3 worker threads\n/);
  });
});

describe('autocannon tables', () => {
  it("come from autocannon's own printer, latency in ms with microseconds", () => {
    const report = loadReport();
    const text = renderAutocannonTables(report, { color: false });
    expect(text).toMatch(/│ Latency │ /);
    expect(text).toMatch(/Req\/Sec/);
    expect(text).toMatch(/Bytes\/Sec/);
    expect(text).toContain(`${report.latency.p50} ms`);
    expect(text).toMatch(/# of samples: 2/);
    expect(text).not.toMatch(ESCAPES);
  });

  it('print every percentile on request (autocannon -l)', () => {
    const text = renderAutocannonTables(loadReport(), { color: false, latencyTable: true });
    expect(text).toMatch(/Percentile/);
    expect(text).toMatch(/99\.999/);
  });

  it('give the printer an autocannon-shaped result', () => {
    const result = toAutocannonResult(loadReport());
    expect(result.requests.sent).toBe(1010);
    expect(result['2xx']).toBe(990);
    expect(result.start).toBeInstanceOf(Date);
  });
});

describe('our tables and lines', () => {
  it('break down outcomes and latency per command, connects included', () => {
    const text = renderCommandTable(loadReport(), { color: false });
    expect(text).toMatch(/│ send\s+│\s+1,010 │\s+990 │\s+10 │\s+6 │/);
    expect(text).toMatch(/\(tcp connect\)/);
    expect(text).not.toMatch(/Uncorrected/);
  });

  it('show the uncorrected latency beside the corrected one in an open loop', () => {
    const report = loadReport({ ratePerSec: 500 });
    const withUncorrected = loadReport({
      ratePerSec: 500,
      latencyUncorrected: report.raw.latency,
      commands: {
        send: { ...report.raw.commands.send!, latencyUncorrected: report.raw.latency },
      },
    });
    const text = renderCommandTable(withUncorrected, { color: false });
    expect(text).toMatch(/Uncorrected latency/);
    expect(text).toMatch(/│ \(all\)/);
  });

  it('account for every request and list problems, most frequent first', () => {
    const text = renderOutcomes(loadReport(), { color: false });
    expect(text).toMatch(
      /^1,010 requests in 2\.7s: 990 OK, 10 ERROR replies, 3 timeouts, 2 connection failures, 1 protocol violations, 4 unfinished/,
    );
    const problems = text.slice(text.indexOf('Problems'));
    expect(problems.indexOf('User Tidak Ditemukan')).toBeLessThan(problems.indexOf('no reply'));
  });

  it('never lets a server-provided text drive the terminal', () => {
    const report = loadReport({ problems: { 'send: ERROR "\u001b[2Jgotcha\r\n"': 1 } });
    const text = renderOutcomes(report, { color: false });
    expect(text).not.toMatch(ESCAPES);
    expect(text).toContain('\\x1b[2Jgotcha\\r\\n');
    expect(printable('a\tb\u0085')).toBe('a\\tb\\x85');
  });

  it('show an audit verdict with its evidence', () => {
    const report = auditedReport();
    expect(report.audit!.lost).toBe(1);
    const text = renderAudit(report.audit!, { color: false });
    expect(text).toMatch(/^Audit: FAIL: 2 messages sent, 2 acknowledged/);
    expect(text).toMatch(/lost 1, duplicated 0, out of order 0, misdelivered 0/);
    expect(text).toMatch(/lost: #cs:abcd1234:0\.0\.1:p:1 from messi to henderson/);
  });

  it('put it all together, coloured only when asked', () => {
    const plain = renderLoadReport(auditedReport(), {
      color: false,
      targetNote: 'embedded reference server',
    });
    expect(plain).toMatch(
      /^chatspec load @ chat:\/\/127\.0\.0\.1:8889 \(embedded reference server\)/,
    );
    expect(plain).toMatch(/workload chat: send:60,inbox:40, seed 42/);
    expect(plain).toMatch(/Audit: FAIL/);
    expect(plain).not.toMatch(ESCAPES);
    expect(renderLoadReport(loadReport(), { color: true })).toMatch(ESCAPES);
  });

  it('draw boxed tables whose columns line up', () => {
    const lines = table(
      ['a', 'bb'],
      [
        ['xxx', '1'],
        ['y', '22'],
      ],
      { color: false },
    ).split('\n');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('the progress line', () => {
  it('shows how far the run is and the last second, within the terminal width', () => {
    const tick = { elapsedMs: 4000, requests: 53_900, bytes: 1, errors: 2, sent: 1, ready: 100 };
    const line = renderLoadProgress(tick, { durationMs: 10_000, connections: 100, columns: 200 });
    expect(line).toBe('[========>           ] 4/10 s  53,900 req/s  100/100 ready  2 errors');
    const narrow = renderLoadProgress(tick, { durationMs: 10_000, connections: 100, columns: 30 });
    expect(narrow.length).toBeLessThanOrEqual(29);
    expect(narrow).not.toMatch(/[\r\n]/);
    // A terminal that reports a width of 0 is taken as 80 columns wide.
    expect(renderLoadProgress(tick, { durationMs: 10_000, connections: 100, columns: 0 })).toBe(
      line,
    );
  });
});
