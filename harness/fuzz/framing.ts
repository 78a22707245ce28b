/**
 * Framing fuzzing: a random byte stream on a throwaway connection, then a liveness probe on
 * a fresh one (FRAME-11). Replies that do come back on the throwaway connection must be
 * well-formed (FRAME-2) and no more than its lines (FRAME-1). A server that stops answering
 * is reported with the exact bytes, shrunk; if it stays down, shrinking ends there.
 */
import fc from 'fast-check';
import { parseReplyJson } from '../../specs/index.js';
import { describeOutcome, type ReadOutcome } from '../client/connection.js';
import type { Campaign } from './campaign.js';
import { CaseFailure } from './case-failure.js';
import { clip, finding, isFailing, worstFinding, type Finding } from './compare.js';
import {
  chunkBytes,
  describeChunk,
  framingCaseArbitrary,
  hexOf,
  requestLines,
  type FramingCase,
} from './framing-chunks.js';
import { openProbeConnection } from './pool.js';
import { sendStream, type StreamResult } from './raw-stream.js';
import type { StepRecord } from '../../results/fuzz.js';

/** Streams up to this size are kept whole in the report. */
const EXACT_BYTES_MAX = 1024 * 1024;
/** Replies kept from one throwaway connection. */
const MAX_REPLIES = 1000;
const FORGED = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

function checkReplies(stream: StreamResult, lineCount: number): Finding[] {
  const findings: Finding[] = [];
  for (const text of stream.replies) {
    const parsed = parseReplyJson(text);
    if (!parsed.ok) {
      findings.push(
        finding('FAIL', `a reply that is ${parsed.reason}: ${clip(text, 80)}`, 'FRAME-2'),
      );
      break;
    }
    const status = parsed.value.status;
    if (status !== 'OK' && status !== 'ERROR') {
      findings.push(
        finding(
          'FAIL',
          `a reply whose "status" is ${JSON.stringify(status)}: ${clip(text, 80)}`,
          'FRAME-2',
        ),
      );
      break;
    }
    if (status === 'ERROR' && typeof parsed.value.message !== 'string') {
      findings.push(
        finding('FAIL', `an ERROR reply without a "message": ${clip(text, 80)}`, 'FRAME-2'),
      );
      break;
    }
  }
  if (stream.end === 'overflow') {
    findings.push(
      finding('FAIL', 'a reply grew past the size limit without its terminator', 'FRAME-1'),
    );
  }
  if (stream.replies.length > lineCount) {
    findings.push(
      finding(
        'FAIL',
        `${stream.replies.length} replies to ${lineCount} line(s): more than one reply per line`,
        'FRAME-1',
      ),
    );
  } else if (stream.end === 'closed' && stream.replies.length < lineCount) {
    findings.push(
      finding(
        'NON-STRICT',
        `${stream.replies.length} replies to ${lineCount} line(s) sent in several writes at once`,
        'FRAME-8',
      ),
    );
  }
  if (stream.end === 'timeout') {
    findings.push(
      finding(
        'INFORMATIONAL',
        'the connection stayed open after the client half-closed it',
        'FRAME-11',
      ),
    );
  }
  return findings;
}

interface ProbeResult {
  readonly records: StepRecord[];
  readonly failure?: Finding;
  /** The server did not answer at all: it may be down. */
  readonly silent: boolean;
}

/** A fresh connection must still log in and refuse a forged session. */
async function probe(campaign: Campaign): Promise<ProbeResult> {
  const { options, world, dialect } = campaign;
  const user = world.users[0]!;
  const records: StepRecord[] = [];
  const opened = await openProbeConnection(options);
  if (!opened.ok) {
    return {
      records,
      silent: true,
      failure: finding(
        'FAIL',
        `the server no longer accepts connections: ${opened.reason}`,
        'FRAME-11',
      ),
    };
  }
  const conn = opened.connection;
  const record = (
    request: string,
    expected: string,
    outcome: ReadOutcome,
    problem: Finding | undefined,
  ): void => {
    records.push({
      index: records.length + 1,
      connection: 'probe',
      request,
      expected,
      actual:
        outcome.kind === 'reply'
          ? clip(outcome.text, 300)
          : describeOutcome(outcome, options.timeoutMs),
      verdict: problem?.verdict ?? 'PASS',
      reason: problem?.reason ?? 'as expected',
      ...(problem?.requirement !== undefined ? { requirement: problem.requirement } : {}),
    });
  };
  try {
    const auth = await conn.request(
      dialect.formatRequest({ command: 'AUTH', username: user.username, password: user.password }),
      options.timeoutMs,
    );
    campaign.counters.requests++;
    const authJson = auth.kind === 'reply' ? auth.json : undefined;
    const status = authJson && dialect.readStatus(authJson);
    const token = authJson && dialect.readToken(authJson);
    const authOk = status?.ok === true && status.value === 'OK' && token?.ok === true;
    const authProblem = authOk
      ? undefined
      : finding(
          'FAIL',
          `after the stream, a fresh connection cannot log in: ${auth.kind === 'reply' ? 'not OK with a token' : describeOutcome(auth, options.timeoutMs)}`,
          'FRAME-11',
        );
    record(
      `auth ${user.username} ${user.password}`,
      '{"status":"OK","tokenid":"<new session id>"}',
      auth,
      authProblem,
    );
    if (authProblem !== undefined)
      return { records, failure: authProblem, silent: auth.kind !== 'reply' };

    const inbox = await conn.request(
      dialect.formatRequest({ command: 'INBOX', session: FORGED }),
      options.timeoutMs,
    );
    campaign.counters.requests++;
    const inboxJson = inbox.kind === 'reply' ? inbox.json : undefined;
    const inboxStatus = inboxJson && dialect.readStatus(inboxJson);
    const refused = inboxStatus?.ok === true && inboxStatus.value === 'ERROR';
    const inboxProblem = refused
      ? undefined
      : finding(
          'FAIL',
          `after the stream, a forged session is not refused: ${inbox.kind === 'reply' ? 'no ERROR reply' : describeOutcome(inbox, options.timeoutMs)}`,
          inbox.kind === 'reply' ? 'SESSION-1' : 'FRAME-11',
        );
    record(
      `inbox ${FORGED}`,
      '{"status":"ERROR","message":"Session Tidak Ditemukan"}',
      inbox,
      inboxProblem,
    );
    return inboxProblem === undefined
      ? { records, silent: false }
      : { records, failure: inboxProblem, silent: inbox.kind !== 'reply' };
  } finally {
    conn.close();
  }
}

export function framingProperty(campaign: Campaign): fc.IAsyncProperty<[FramingCase]> {
  const { options } = campaign;
  const lines = requestLines(campaign.world, campaign.dialect);
  return fc.asyncProperty(
    framingCaseArbitrary(lines.length, options.maxCommands),
    async (generated) => {
      campaign.beginCase();
      const writes = generated.chunks.map((c) => chunkBytes(c, lines));
      const stream = await sendStream(
        {
          dialer: options.target.dialer,
          timeoutMs: options.timeoutMs,
          maxReplyBytes: options.maxReplyBytes,
          maxReplies: MAX_REPLIES,
        },
        writes,
        generated.close,
      );
      if (stream.connectError !== undefined) {
        // Down before this case sent anything: the case can say nothing.
        await campaign.serverLost(stream.connectError);
        fc.pre(false);
      }
      campaign.counters.commands += writes.length;
      campaign.counters.requests++;
      const all = Buffer.concat(writes);
      const lineCount = all.reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 0);
      const replyFindings = generated.close === 'fin' ? checkReplies(stream, lineCount) : [];
      const checked = await probe(campaign);
      const findings = [
        ...replyFindings,
        ...(checked.failure !== undefined ? [checked.failure] : []),
      ];
      const worst = worstFinding(findings);
      if (worst === undefined || !isFailing(worst.verdict, options.strict)) {
        if (!campaign.shrinking) {
          const first = generated.chunks[0];
          const example =
            first === undefined
              ? 'connect, then close'
              : `${generated.chunks.length} write(s) from ${describeChunk(first, lines).shown}`;
          for (const f of findings) campaign.notes.add(f, example, stream.replies[0] ?? '');
        }
        campaign.passCase(writes.length);
        return;
      }
      const error = new CaseFailure(
        worst.verdict,
        worst.reason,
        worst.requirement,
        {
          kind: 'framing',
          chunks: generated.chunks.map((c) => describeChunk(c, lines)),
          totalBytes: all.length,
          close: generated.close,
          hex: hexOf(all),
          ...(all.length <= EXACT_BYTES_MAX ? { base64: all.toString('base64') } : {}),
          replies: stream.replies.slice(0, 20).map((r) => clip(r, 200)),
          probe: checked.records,
        },
        { kind: 'framing', writes, close: generated.close },
      );
      campaign.failCase(error);
      // A server that went silent is brought back (or given up on) before the next case.
      if (checked.silent) await campaign.serverLost(worst.reason);
      throw error;
    },
  );
}
