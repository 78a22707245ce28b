/**
 * What an OK reply to a load request must carry, and what the audit learns from it: an ack
 * for a message, an inbox's contents, a download's data. The login's token is the
 * connection's own business (connection.ts).
 */
import { sameBase64Bytes } from '../../specs/codec/base64.js';
import type { JsonObject } from '../../specs/index.js';
import type { EngineContext } from './context.js';
import type { InFlight } from './in-flight.js';
import type { RequestMaker } from './request-maker.js';

/** Reads an OK reply to anything but auth; returns the problem when its shape is wrong. */
export function acceptOk(
  ctx: EngineContext,
  entry: InFlight,
  json: JsonObject,
  username: string,
  requests: RequestMaker,
): string | undefined {
  switch (entry.op) {
    case 'auth':
      throw new Error('a login reply is read by its connection');
    case 'send':
    case 'send_group':
      if (entry.streamKey !== undefined) ctx.ledger?.acknowledged(entry.streamKey, entry.seq);
      return undefined;
    case 'inbox': {
      if (ctx.ledger === undefined) return undefined;
      const inbox = ctx.dialect.readInbox(json);
      if (!inbox.ok) return inbox.reason;
      ctx.ledger.inboxRead(username, inbox.value);
      return undefined;
    }
    case 'send_file':
    case 'send_group_file':
      if (entry.file !== undefined) requests.fileSent(entry.file);
      return undefined;
    case 'download_file': {
      const download = ctx.dialect.readDownload(json);
      if (!download.ok) return download.reason;
      if (!sameBase64Bytes(download.value.data, ctx.payload.data)) {
        ctx.recorder.mismatch(entry.command);
        ctx.recorder.problem('download_file: the data differs from the file sent');
      }
      return undefined;
    }
    case 'my_file':
      return undefined;
  }
}

/** An ERROR reply: the message it refused is not expected anywhere; the text is a problem. */
export function noteRefused(ctx: EngineContext, entry: InFlight, json: JsonObject): void {
  if (entry.streamKey !== undefined) ctx.ledger?.refused(entry.streamKey, entry.seq);
  const text = ctx.dialect.readErrorText(json);
  ctx.recorder.problem(
    `${entry.op}: ERROR ${text.ok ? JSON.stringify(text.value) : '(no message)'}`,
  );
}
