/**
 * A separate group inbox (the dialect's groups.inbox): group messages are not listed by
 * INBOX but by a request per group. A scenario reads one inbox, as the document has it, so
 * after an INBOX reply the run reads the group inbox of every group the reader is in, on the
 * same connection, and lists its entries under the group id, as the document's inbox would.
 */
import type { JsonObject } from '../../../specs/index.js';
import type { ChatConnection } from '../../client/connection.js';
import type { ScenarioContext } from './context.js';

/** The INBOX reply with the reader's group inboxes listed in it; the reply itself otherwise. */
export async function withGroupInboxes(
  ctx: ScenarioContext,
  conn: ChatConnection,
  reply: JsonObject,
  session: string,
  reader: string | undefined,
): Promise<JsonObject> {
  const { dialect, fixture } = ctx.target;
  const key = dialect.spec.replies.inbox.key;
  const listed = reply[key];
  if (dialect.spec.groups?.inbox === undefined || reader === undefined) return reply;
  if (listed === null || typeof listed !== 'object' || Array.isArray(listed)) return reply;
  const merged: Record<string, unknown> = { ...(listed as JsonObject) };
  for (const group of fixture.groups) {
    if (!group.members.includes(reader)) continue;
    const line = dialect.formatGroupRequest('inbox', { session, group: group.id });
    if (line === undefined) break;
    await conn.write(line);
    const outcome = await conn.read(Math.max(1, ctx.remainingMs()));
    if (outcome.kind !== 'reply' || outcome.json === undefined) break;
    const entries = outcome.json[dialect.spec.groups.inboxKey ?? 'message'];
    // What the group inbox says is judged as the inbox's: an unreadable one shows there.
    if (entries !== undefined && !(Array.isArray(entries) && entries.length === 0)) {
      merged[group.id] = entries;
    }
  }
  return { ...reply, [key]: merged };
}
