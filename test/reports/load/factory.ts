/** Load reports for the renderer tests, built through the real summary from a raw result. */
import {
  RAW_FORMAT,
  createLatencyHistogram,
  encodeHistogram,
  summarize,
  type LoadReport,
  type RawLoadResult,
} from '../../../results/index.js';
import { AuditLedger } from '../../../results/load/audit/ledger.js';
import { formatMessageText, streamKeyOf } from '../../../results/load/audit/message-id.js';

function encoded(values: readonly number[]): string {
  const h = createLatencyHistogram();
  for (const v of values) h.recordValue(v);
  return encodeHistogram(h);
}

const T0 = 1_700_000_000;

export function loadReport(overrides: Partial<RawLoadResult> = {}): LoadReport {
  const latency = Array.from({ length: 1000 }, (_, i) => 200 + i * 3);
  const counts = {
    sent: 1010,
    ok: 990,
    errorReplies: 10,
    timeouts: 3,
    connectionErrors: 2,
    protocolViolations: 1,
    unfinished: 4,
    mismatches: 0,
  };
  const raw: RawLoadResult = {
    format: RAW_FORMAT,
    runIds: ['abcd1234'],
    title: null,
    target: '127.0.0.1:8889',
    workload: {
      name: 'chat',
      description: 'a realistic mix',
      mix: 'send:60,inbox:40',
      fileSizeBytes: 1024,
      messageBytes: 0,
    },
    connections: 10,
    pipelining: 1,
    ratePerSec: null,
    workers: 0,
    seed: 42,
    intervals: [[T0 * 1000 + 500, (T0 + 3) * 1000 + 200]],
    totals: { ...counts, bytesRead: 123_456, bytesWritten: 65_432 },
    commands: {
      send: { ...counts, latency: encoded(latency) },
    },
    latency: encoded(latency),
    connects: { attempts: 10, ok: 10, failed: 0, dropped: 0, latency: encoded([90, 100, 110]) },
    samples: [
      [T0, 100, 10_000],
      [T0 + 1, 400, 40_000],
      [T0 + 2, 450, 45_000],
      [T0 + 3, 50, 5000],
    ],
    problems: { 'send: ERROR "User Tidak Ditemukan"': 10, 'no reply within 10000 ms': 3 },
    stoppedEarly: false,
    ...overrides,
  };
  return summarize(raw);
}

/** A report whose audit lost one message. */
export function auditedReport(): LoadReport {
  // Drained just after the run, as a whole run's audit is.
  const ledger = new AuditLedger({}, (T0 + 3) * 1000 + 300);
  const key = streamKeyOf('abcd1234', '0.0.1', 'p');
  ledger.openStream(key, 'messi', 'p', ['henderson']);
  for (const s of [0, 1]) {
    ledger.sent(key, s);
    ledger.acknowledged(key, s);
  }
  ledger.inboxRead(
    'henderson',
    new Map([['messi', [{ text: formatMessageText(key, 0, 0), shape: 'object' as const }]]]),
  );
  return loadReport({ audit: ledger.encode() });
}
