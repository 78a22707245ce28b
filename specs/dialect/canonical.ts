/** The protocol as specs/PROTOCOL.md writes it, and as the reference server speaks it. */
import { formatRequestLine, type LineStyle } from '../codec/request-line.js';
import type { Request } from '../request.js';
import type { Dialect, InboxItem, JsonObject, Read, ReplyStatus } from './dialect.js';

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(reason: string): Read<T> => ({ ok: false, reason });

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringField(reply: JsonObject, field: string): Read<string> {
  const value = reply[field];
  return typeof value === 'string'
    ? ok(value)
    : no(`"${field}" is ${describe(value)}, not a string`);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}

function readInboxItem(entry: unknown): InboxItem | undefined {
  if (typeof entry === 'string') return { text: entry, shape: 'string' };
  if (isObject(entry) && typeof entry.msg === 'string') {
    const item: { text: string; shape: 'object'; from?: string; to?: string } = {
      text: entry.msg,
      shape: 'object',
    };
    if (typeof entry.msg_from === 'string') item.from = entry.msg_from;
    if (typeof entry.msg_to === 'string') item.to = entry.msg_to;
    return item;
  }
  return undefined;
}

const dialect: Dialect = {
  name: 'canonical',
  formatRequest: (request: Request, style?: LineStyle) => formatRequestLine(request, style),
  readStatus(reply: JsonObject): Read<ReplyStatus> {
    const status = reply.status;
    if (status === 'OK' || status === 'ERROR') return ok(status);
    return no(
      `"status" is ${typeof status === 'string' ? JSON.stringify(status) : describe(status)}, not "OK" or "ERROR"`,
    );
  },
  readErrorText: (reply: JsonObject) => stringField(reply, 'message'),
  readOkText: (reply: JsonObject) => stringField(reply, 'message'),
  readToken(reply: JsonObject): Read<string> {
    const token = stringField(reply, 'tokenid');
    if (token.ok && token.value.trim().length === 0) return no('"tokenid" is empty');
    return token.ok ? ok(token.value.trim()) : token;
  },
  readInbox(reply: JsonObject): Read<ReadonlyMap<string, readonly InboxItem[]>> {
    const messages = reply.messages;
    if (!isObject(messages)) return no(`"messages" is ${describe(messages)}, not an object`);
    const out = new Map<string, InboxItem[]>();
    for (const [key, entries] of Object.entries(messages)) {
      if (!Array.isArray(entries))
        return no(`"messages.${key}" is ${describe(entries)}, not an array`);
      const items: InboxItem[] = [];
      for (const [i, entry] of entries.entries()) {
        const item = readInboxItem(entry);
        if (item === undefined) {
          return no(
            `"messages.${key}[${i}]" is neither a string nor an object with a string "msg"`,
          );
        }
        items.push(item);
      }
      out.set(key, items);
    }
    return ok(out);
  },
  readFileList(reply: JsonObject): Read<ReadonlyMap<string, readonly string[]>> {
    const messages = reply.messages;
    if (!isObject(messages)) return no(`"messages" is ${describe(messages)}, not an object`);
    const out = new Map<string, string[]>();
    for (const [peer, names] of Object.entries(messages)) {
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
        return no(`"messages.${peer}" is not an array of filenames`);
      }
      out.set(peer, names as string[]);
    }
    return ok(out);
  },
  readDownload(reply: JsonObject): Read<{ filename: string; data: string; text?: string }> {
    const filename = stringField(reply, 'filename');
    if (!filename.ok) return filename;
    const data = stringField(reply, 'data');
    if (!data.ok) return data;
    const text = reply.messages;
    // The seed's own log shows a space before the data; base64 has no spaces to lose.
    const value: { filename: string; data: string; text?: string } = {
      filename: filename.value,
      data: data.value.trim(),
    };
    if (typeof text === 'string') value.text = text;
    return ok(value);
  },
};

export const canonicalDialect: Dialect = Object.freeze(dialect);
