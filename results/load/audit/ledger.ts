/**
 * What an audit needs to know, recorded while the load runs: for each stream of messages,
 * who sent them, to whom (the n-th message of a stream goes to the stream's n-th target,
 * round robin, so targets need not be stored per message) and which seqs the server
 * acknowledged or refused; and for each inbox read, which of our messages it returned, in
 * order. The ledger is data only; `verifyLedger` judges it after every source is merged.
 */
import type { InboxItem } from '../../../specs/index.js';
import { parseMessageText, type MessageKind } from './message-id.js';
import { RangeSetBuilder, encodeRuns } from './seq-encoding.js';

/** One stream: one connection's messages of one kind during one connection generation. */
export interface EncodedStream {
  /** `<run>:<stream>:<kind>` as in the message id. */
  readonly key: string;
  readonly sender: string;
  readonly kind: MessageKind;
  /** Usernames (kind p) or group ids (kind g); message seq goes to targets[seq % length]. */
  readonly targets: readonly string[];
  /** Seqs 0 … sent-1 went out on the wire. */
  readonly sent: number;
  /** Seqs the server answered OK to, as half-open ranges. */
  readonly acked: readonly number[];
  /** Seqs the server answered ERROR to, as half-open ranges. */
  readonly refused: readonly number[];
}

/** One inbox read's messages from one stream, under one inbox key, in the order returned. */
export interface EncodedRead {
  /** The user whose inbox was read. */
  readonly recipient: string;
  /** The inbox key the messages were filed under (sender username or group id). */
  readonly key: string;
  readonly stream: string;
  /** Seqs as arithmetic runs `[first, step, count, …]`, in the order of the reply. */
  readonly seqs: readonly number[];
}

export interface EncodedLedger {
  /** Group members, so group messages' recipients are known when judging. */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  readonly streams: readonly EncodedStream[];
  readonly reads: readonly EncodedRead[];
  /** Inbox entries that are not load messages (other clients' messages, other tools). */
  readonly foreignEntries: number;
  /**
   * Inbox requests that got no complete reply: the server may have emptied the inbox anyway,
   * so messages it held then can look lost.
   */
  readonly incompleteInboxReads: number;
  /**
   * When the final drain of every inbox began (epoch ms), or null while it has not happened
   * (a shard's ledger, waiting for `chatspec load drain`). Absent in results written before
   * drains were recorded, which always included theirs.
   */
  readonly drainStartedAtMs?: number | null;
}

class StreamRecord {
  sent = 0;
  readonly acked = new RangeSetBuilder();
  readonly refused = new RangeSetBuilder();
  constructor(
    readonly key: string,
    readonly sender: string,
    readonly kind: MessageKind,
    readonly targets: readonly string[],
  ) {}
}

export class AuditLedger {
  readonly #groups: Readonly<Record<string, readonly string[]>>;
  readonly #streams = new Map<string, StreamRecord>();
  readonly #reads: EncodedRead[] = [];
  #foreignEntries = 0;
  #incompleteInboxReads = 0;
  readonly #drainStartedAtMs: number | null;

  /** `drainStartedAtMs`: set for the ledger of a final drain, null for a load engine's. */
  constructor(
    groups: Readonly<Record<string, readonly string[]>>,
    drainStartedAtMs: number | null = null,
  ) {
    this.#groups = groups;
    this.#drainStartedAtMs = drainStartedAtMs;
  }

  /** Opens a stream; its messages are then numbered from 0. */
  openStream(key: string, sender: string, kind: MessageKind, targets: readonly string[]): void {
    this.#streams.set(key, new StreamRecord(key, sender, kind, targets));
  }

  sent(streamKey: string, seq: number): void {
    const stream = this.#streams.get(streamKey);
    if (stream !== undefined && seq >= stream.sent) stream.sent = seq + 1;
  }

  acknowledged(streamKey: string, seq: number): void {
    this.#streams.get(streamKey)?.acked.add(seq);
  }

  refused(streamKey: string, seq: number): void {
    this.#streams.get(streamKey)?.refused.add(seq);
  }

  incompleteInboxRead(): void {
    this.#incompleteInboxReads++;
  }

  /** Records one inbox reply of `recipient`, read through the dialect. */
  inboxRead(recipient: string, inbox: ReadonlyMap<string, readonly InboxItem[]>): void {
    for (const [key, items] of inbox) {
      const byStream = new Map<string, number[]>();
      for (const item of items) {
        const id = parseMessageText(item.text);
        if (id === undefined) {
          this.#foreignEntries++;
          continue;
        }
        let seqs = byStream.get(id.streamKey);
        if (seqs === undefined) byStream.set(id.streamKey, (seqs = []));
        seqs.push(id.seq);
      }
      for (const [stream, seqs] of byStream) {
        this.#reads.push({ recipient, key, stream, seqs: encodeRuns(seqs) });
      }
    }
  }

  encode(): EncodedLedger {
    return {
      groups: this.#groups,
      streams: [...this.#streams.values()].map((s) => ({
        key: s.key,
        sender: s.sender,
        kind: s.kind,
        targets: s.targets,
        sent: s.sent,
        acked: s.acked.toArray(),
        refused: s.refused.toArray(),
      })),
      reads: [...this.#reads],
      foreignEntries: this.#foreignEntries,
      incompleteInboxReads: this.#incompleteInboxReads,
      drainStartedAtMs: this.#drainStartedAtMs,
    };
  }
}

/** Combines ledgers of several workers or processes: streams and reads are kept, not judged. */
export function mergeLedgers(ledgers: readonly EncodedLedger[]): EncodedLedger {
  const groups: Record<string, readonly string[]> = {};
  for (const ledger of ledgers) Object.assign(groups, ledger.groups);
  const drains = ledgers.map((l) => l.drainStartedAtMs);
  const starts = drains.filter((d): d is number => typeof d === 'number');
  const legacy = drains.some((d) => d === undefined);
  const drainStartedAtMs = starts.length > 0 ? Math.max(...starts) : legacy ? undefined : null;
  return {
    ...(drainStartedAtMs !== undefined ? { drainStartedAtMs } : {}),
    groups,
    streams: ledgers.flatMap((l) => l.streams),
    reads: ledgers.flatMap((l) => l.reads),
    foreignEntries: ledgers.reduce((n, l) => n + l.foreignEntries, 0),
    incompleteInboxReads: ledgers.reduce((n, l) => n + l.incompleteInboxReads, 0),
  };
}
