/**
 * Every message the load generator sends carries an id at the start of its text:
 * `#cs:<run>:<stream>:<kind>:<seq>`. The run is random per process, the stream names one
 * connection's life (worker, connection, reconnect generation), the kind is `p` (personal)
 * or `g` (group), and seq counts that stream's messages of that kind from 0. Servers may keep
 * surrounding whitespace or the line end in the stored text, so parsing trims first.
 */

export const MESSAGE_ID_PREFIX = '#cs:';

export type MessageKind = 'p' | 'g';

export interface MessageId {
  /** `<run>:<stream>:<kind>`: the sequence this message belongs to. */
  readonly streamKey: string;
  readonly seq: number;
}

export function streamKeyOf(run: string, stream: string, kind: MessageKind): string {
  return `${run}:${stream}:${kind}`;
}

/** The message text: the id, padded with `x` up to `totalBytes` when that is longer. */
export function formatMessageText(streamKey: string, seq: number, totalBytes: number): string {
  const id = `${MESSAGE_ID_PREFIX}${streamKey}:${seq}`;
  return id.length >= totalBytes ? id : `${id} ${'x'.repeat(totalBytes - id.length - 1)}`;
}

/** The id in a delivered message's text, or undefined when it is not one of ours. */
export function parseMessageText(text: string): MessageId | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(MESSAGE_ID_PREFIX)) return undefined;
  const end = trimmed.indexOf(' ');
  const id = end === -1 ? trimmed : trimmed.slice(0, end);
  const lastColon = id.lastIndexOf(':');
  const seqText = id.slice(lastColon + 1);
  if (!/^\d{1,15}$/.test(seqText)) return undefined;
  const streamKey = id.slice(MESSAGE_ID_PREFIX.length, lastColon);
  // run:stream:kind, none of them empty.
  const parts = streamKey.split(':');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return undefined;
  if (parts[2] !== 'p' && parts[2] !== 'g') return undefined;
  return { streamKey, seq: Number(seqText) };
}
