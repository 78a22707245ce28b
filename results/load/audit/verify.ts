/**
 * Judges a (merged) ledger: every message the server acknowledged must reach each of its
 * recipients exactly once, under the right inbox key, and one stream's messages must reach a
 * recipient in the order they were sent. Reads of one recipient may come from different
 * connections in any order, so order is checked per read and between reads: a correct server
 * hands out a stream's messages to successive reads in blocks that do not interleave.
 */
import { deliveryRequirement, missVerdictOf, type RequirementId } from '../../../specs/index.js';
import type { EncodedLedger, EncodedStream } from './ledger.js';
import { MESSAGE_ID_PREFIX } from './message-id.js';
import { countRanges, decodeRanges, decodeRuns, rangesContain } from './seq-encoding.js';

export interface AuditFindings {
  /** Messages put on the wire. */
  readonly messagesSent: number;
  readonly acknowledged: number;
  /** Answered with ERROR: not expected anywhere. */
  readonly refused: number;
  /** Sent but never answered (timeout, closed connection, end of run): may or may not arrive. */
  readonly unanswered: number;
  /** (message, recipient) pairs the acknowledged messages should produce. */
  readonly expectedDeliveries: number;
  readonly delivered: number;
  /** Acknowledged, never delivered to a recipient. */
  readonly lost: number;
  /**
   * Group messages never delivered back to their own sender: a SHOULD (GROUP-7) that servers
   * differ on, judged as the conformance suite judges it, so counted apart and never failing.
   */
  readonly ownCopiesMissing: number;
  /** Extra copies delivered. */
  readonly duplicated: number;
  /** Delivered after a later message of the same stream. */
  readonly reordered: number;
  /** Delivered to someone who should not have it, under the wrong key, or although refused. */
  readonly unexpected: number;
  /** Delivered although no reply said it was accepted (its reply timed out or never came). */
  readonly deliveredWithoutAck: number;
  /** Load messages from runs that are not part of this result (earlier runs, other machines). */
  readonly fromOtherRuns: number;
  readonly foreignEntries: number;
  readonly incompleteInboxReads: number;
  /** A few described cases of each problem, for a person to follow up. */
  readonly examples: {
    readonly lost: readonly string[];
    readonly duplicated: readonly string[];
    readonly reordered: readonly string[];
    readonly unexpected: readonly string[];
  };
  /**
   * Whether every inbox was drained after the load: a shard's own result is not (the other
   * shards may still be sending); its audit is judged once merged with `chatspec load drain`'s.
   */
  readonly drained: boolean;
  /** The drain began before the last load engine ended: later messages may look lost. */
  readonly drainedEarly: boolean;
  /** Drained, and no message lost, duplicated, reordered or misdelivered. */
  readonly passed: boolean;
}

const MAX_EXAMPLES = 5;

interface Channel {
  readonly blocks: number[][];
  /** seq -> times delivered, filled by the judging pass. */
  readonly seen: Map<number, number>;
}

function channelKey(recipient: string, key: string, stream: string): string {
  return `${recipient}\u0000${key}\u0000${stream}`;
}

function messageName(stream: EncodedStream, seq: number): string {
  return `${MESSAGE_ID_PREFIX}${stream.key}:${seq} from ${stream.sender}`;
}

function recipientsOf(
  ledger: EncodedLedger,
  stream: EncodedStream,
  seq: number,
): { readonly key: string; readonly recipients: readonly string[] } {
  const target = stream.targets[seq % stream.targets.length]!;
  if (stream.kind === 'p') return { key: stream.sender, recipients: [target] };
  return { key: target, recipients: ledger.groups[target] ?? [] };
}

/** `loadEndedAtMs`: when the last load engine stopped (epoch ms), to check the drain's timing. */
export function verifyLedger(ledger: EncodedLedger, loadEndedAtMs?: number): AuditFindings {
  const examples = {
    lost: [] as string[],
    duplicated: [] as string[],
    reordered: [] as string[],
    unexpected: [] as string[],
  };
  const note = (list: string[], text: string): void => {
    if (list.length < MAX_EXAMPLES) list.push(text);
  };
  const streams = new Map(ledger.streams.map((s) => [s.key, s]));

  const channels = new Map<string, Channel>();
  let fromOtherRuns = 0;
  for (const read of ledger.reads) {
    const seqs = decodeRuns(read.seqs);
    if (!streams.has(read.stream)) {
      fromOtherRuns += seqs.length;
      continue;
    }
    const k = channelKey(read.recipient, read.key, read.stream);
    let channel = channels.get(k);
    if (channel === undefined) channels.set(k, (channel = { blocks: [], seen: new Map() }));
    channel.blocks.push(seqs);
  }

  let delivered = 0;
  let duplicated = 0;
  let reordered = 0;
  let unexpected = 0;
  let deliveredWithoutAck = 0;
  for (const [k, channel] of channels) {
    const [recipient, key, streamKey] = k.split('\u0000') as [string, string, string];
    const stream = streams.get(streamKey)!;
    // Blocks in the order a correct server would have handed them out.
    channel.blocks.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    let highest = -1;
    for (const block of channel.blocks) {
      for (const seq of block) {
        const times = (channel.seen.get(seq) ?? 0) + 1;
        channel.seen.set(seq, times);
        if (times > 1) {
          duplicated++;
          note(
            examples.duplicated,
            `${messageName(stream, seq)} reached ${recipient} ${times} times`,
          );
          continue;
        }
        delivered++;
        if (seq < highest) {
          reordered++;
          note(
            examples.reordered,
            `${messageName(stream, seq)} reached ${recipient} after ${MESSAGE_ID_PREFIX}${stream.key}:${highest}`,
          );
        } else {
          highest = seq;
        }
        const expected = recipientsOf(ledger, stream, seq);
        const misrouted = expected.key !== key || !expected.recipients.includes(recipient);
        const wasRefused = rangesContain(stream.refused, seq);
        if (misrouted || wasRefused || seq >= stream.sent) {
          unexpected++;
          const why = wasRefused
            ? 'although the server refused it'
            : seq >= stream.sent
              ? 'although it was never sent'
              : `under "${key}"; expected ${expected.recipients.join(', ') || '(nobody)'} under "${expected.key}"`;
          note(examples.unexpected, `${messageName(stream, seq)} reached ${recipient} ${why}`);
        } else if (!rangesContain(stream.acked, seq)) {
          deliveredWithoutAck++;
        }
      }
    }
  }

  let messagesSent = 0;
  let acknowledged = 0;
  let refused = 0;
  let expectedDeliveries = 0;
  let lost = 0;
  let ownCopiesMissing = 0;
  for (const stream of ledger.streams) {
    messagesSent += stream.sent;
    refused += countRanges(stream.refused);
    const acked = decodeRanges(stream.acked);
    acknowledged += acked.length;
    for (const seq of acked) {
      const expected = recipientsOf(ledger, stream, seq);
      for (const recipient of expected.recipients) {
        expectedDeliveries++;
        const channel = channels.get(channelKey(recipient, expected.key, stream.key));
        if ((channel?.seen.get(seq) ?? 0) === 0) {
          const requirement: RequirementId = deliveryRequirement(
            stream.kind === 'p',
            recipient === stream.sender,
          );
          if (missVerdictOf(requirement) !== 'FAIL') {
            ownCopiesMissing++;
            continue;
          }
          lost++;
          note(
            examples.lost,
            `${messageName(stream, seq)} to ${recipient} (under "${expected.key}"): acknowledged, never delivered`,
          );
        }
      }
    }
  }

  return {
    messagesSent,
    acknowledged,
    refused,
    unanswered: messagesSent - acknowledged - refused,
    expectedDeliveries,
    delivered,
    lost,
    ownCopiesMissing,
    duplicated,
    reordered,
    unexpected,
    deliveredWithoutAck,
    fromOtherRuns,
    foreignEntries: ledger.foreignEntries,
    incompleteInboxReads: ledger.incompleteInboxReads,
    examples,
    drained: ledger.drainStartedAtMs !== null,
    drainedEarly:
      typeof ledger.drainStartedAtMs === 'number' &&
      loadEndedAtMs !== undefined &&
      ledger.drainStartedAtMs < loadEndedAtMs,
    passed:
      ledger.drainStartedAtMs !== null &&
      lost === 0 &&
      duplicated === 0 &&
      reordered === 0 &&
      unexpected === 0,
  };
}
