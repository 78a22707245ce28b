/**
 * What the probe leaves changed on the server, and putting back what it can. Reading an
 * inbox empties it on most servers, so the first read of a user's inbox takes the messages
 * that user had not read yet; the probe keeps them and, where the sender is a fixture user
 * and the inbox empties, sends each again from its sender. Files sent, groups made and group
 * messages to members the probe never reads have no request to undo them: they are listed,
 * so every run says what it left.
 */
import type { JsonObject } from '../../specs/index.js';
import { entryText, listKeysOf } from './observe.js';

/** A message that waited in an inbox when the probe first read it. */
export interface Taken {
  /** The inbox key it was listed under: its sender, or a group. */
  readonly key: string;
  /** Its text, or undefined when the entry had no text the probe could read. */
  readonly text: string | undefined;
}

/** Caps what is kept per inbox: the probe restores a fixture's unread mail, not a mailbox. */
const MAX_TAKEN_PER_INBOX = 100;

export interface Traces {
  /** Marks the probe's own texts and names, so they are never taken for a user's mail. */
  readonly tag: string;
  /** Per user whose inbox was read, what waited there before the probe read it. */
  readonly taken: Map<string, Taken[]>;
  /** What the probe made that stays: files, groups, messages to members it never read. */
  readonly left: string[];
}

export function newTraces(tag: string): Traces {
  return { tag, taken: new Map(), left: [] };
}

/** Called with every inbox reply the probe reads; only a user's first read is kept. */
export function rememberInbox(
  traces: Traces,
  reader: string,
  json: JsonObject,
  listKeys: readonly string[],
): void {
  if (traces.taken.has(reader)) return;
  const taken: Taken[] = [];
  traces.taken.set(reader, taken);
  for (const replyKey of listKeysOf(json, listKeys)) {
    const value = json[replyKey];
    const lists: [string, unknown][] = Array.isArray(value)
      ? [['', value]]
      : Object.entries(value as JsonObject);
    for (const [key, list] of lists) {
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        const text = entryText(entry);
        if (text?.includes(traces.tag)) continue;
        if (taken.length < MAX_TAKEN_PER_INBOX) taken.push({ key, text: text?.trim() });
      }
    }
    // The first list-like key is the inbox; others (a file list, say) are not mail.
    if (lists.length > 0) break;
  }
}

/** Records something the probe made that stays on the server. */
export function leave(traces: Traces, what: string): void {
  if (!traces.left.includes(what)) traces.left.push(what);
}
