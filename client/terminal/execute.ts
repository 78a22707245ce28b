/**
 * Runs one terminal command against a ChatSession and describes the outcome as data: lines
 * for a person and an object for `--json`. Printing is the CLI's job. Files are read for
 * send_file and written for download_file, only inside the download folder.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { decodeBase64, type Dialect, type Fixture, type Request } from '../../specs/index.js';
import { safeDownloadName } from '../download-name.js';
import { escapeWire } from '../escape-wire.js';
import { inboxMessages } from '../rooms.js';
import type { CallResult, ChatSession, WireExchange } from '../session.js';
import { helpText, type TerminalCommand } from './commands.js';

export interface TerminalContext {
  readonly session: ChatSession;
  readonly dialect: Dialect;
  readonly fixture: Fixture;
  readonly downloadDir: string;
  /** Largest file send_file reads. */
  readonly maxFileBytes: number;
  /** What completion offers, learnt as the session goes: senders seen, files listed. */
  readonly seenUsers: Set<string>;
  readonly files: Map<string, readonly string[]>;
}

export interface TerminalOutput {
  /** Whether the command did what was asked (an ERROR reply is not ok). */
  readonly ok: boolean;
  /** `quit` asks the client to stop. */
  readonly quit?: boolean;
  readonly lines: readonly string[];
  readonly json: Readonly<Record<string, unknown>>;
}

function wireJson(exchange: WireExchange | undefined): Record<string, unknown> {
  if (exchange === undefined) return {};
  return {
    sent: exchange.sent,
    ...(exchange.received === undefined ? {} : { received: exchange.received }),
    elapsedMs: exchange.elapsedMs,
  };
}

function outcome(
  command: string,
  result: CallResult,
  okLines: (reply: Readonly<Record<string, unknown>>) => {
    lines: string[];
    json?: Record<string, unknown>;
  },
): TerminalOutput {
  if (result.kind === 'failed') {
    return {
      ok: false,
      lines: [`FAILED ${result.reason}`],
      json: {
        command,
        ok: false,
        status: null,
        problem: result.reason,
        ...wireJson(result.exchange),
      },
    };
  }
  if (result.kind === 'error') {
    return {
      ok: false,
      lines: [`ERROR ${result.text}`],
      json: {
        command,
        ok: false,
        status: 'ERROR',
        message: result.text,
        reply: result.reply,
        ...wireJson(result.exchange),
      },
    };
  }
  const shown = okLines(result.reply);
  return {
    ok: true,
    lines: shown.lines,
    json: {
      command,
      ok: true,
      status: 'OK',
      ...shown.json,
      reply: result.reply,
      ...wireJson(result.exchange),
    },
  };
}

function local(command: string, reason: string): TerminalOutput {
  return {
    ok: false,
    lines: [`error: ${reason}`],
    json: { command, ok: false, status: null, problem: reason },
  };
}

async function readLocalFile(
  path: string,
  maxBytes: number,
): Promise<{ ok: true; data: Buffer } | { ok: false; reason: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: `${path} is not a file` };
    if (info.size > maxBytes)
      return { ok: false, reason: `${path} is ${info.size} bytes; the limit is ${maxBytes}` };
    return { ok: true, data: await readFile(path) };
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  }
}

/** Writes without replacing anything: `notes.txt`, then `notes-1.txt`, `notes-2.txt`, … */
async function writeNew(dir: string, name: string, data: Buffer): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; i < 1000; i++) {
    const path = join(dir, i === 0 ? name : `${stem}-${i}${ext}`);
    try {
      await writeFile(path, data, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${name}: a thousand files of that name already exist in ${dir}`);
}

/** A file name travels as one param: the path's last part, spaces made underscores. */
function wireFilename(path: string): string {
  const base = path.split(/[/\\]/).pop() ?? path;
  return base.replace(/\s+/g, '_');
}

export async function executeTerminalCommand(
  context: TerminalContext,
  command: TerminalCommand,
  args: readonly string[],
): Promise<TerminalOutput> {
  const { session, dialect } = context;
  const call = (build: (token: string) => Request) => session.call(build);
  const name = command.name;
  switch (name) {
    case 'help':
      return { ok: true, lines: [helpText()], json: { command: name, ok: true } };
    case 'quit':
      return { ok: true, quit: true, lines: [], json: { command: name, ok: true } };
    case 'auth': {
      const [username = '', password = ''] = args;
      const result = await session.login(username, password);
      return outcome(name, result, () => ({
        lines: [`OK logged in as ${username}`],
        json: { username },
      }));
    }
    case 'send': {
      const [to = '', text = ''] = args;
      const result = await call((s) => ({ command: 'SEND', session: s, to, text }));
      return outcome(name, result, (reply) => ({
        lines: [`OK ${okText(dialect, reply, 'sent')}`],
      }));
    }
    case 'send_group': {
      const [group = '', text = ''] = args;
      const result = await call((s) => ({ command: 'SEND_GROUP', session: s, group, text }));
      return outcome(name, result, (reply) => ({
        lines: [`OK ${okText(dialect, reply, 'sent')}`],
      }));
    }
    case 'inbox': {
      const result = await call((s) => ({ command: 'INBOX', session: s }));
      return outcome(name, result, (reply) => {
        const inbox = dialect.readInbox(reply, session.token);
        if (!inbox.ok)
          return {
            lines: [`OK (inbox unreadable: ${inbox.reason})`],
            json: { problem: inbox.reason },
          };
        const messages = inboxMessages(
          inbox.value,
          context.fixture,
          session.username ?? '',
          Date.now(),
        );
        for (const m of messages) if (m.room.kind === 'user') context.seenUsers.add(m.room.id);
        const lines = messages.map((m) =>
          m.room.kind === 'group' ? `[${m.room.id}] ${m.from}: ${m.text}` : `${m.from}: ${m.text}`,
        );
        return {
          lines: lines.length === 0 ? ['(no new messages)'] : lines,
          json: { messages: messages.map((m) => ({ room: m.room, from: m.from, text: m.text })) },
        };
      });
    }
    case 'my_file': {
      const result = await call((s) => ({ command: 'MY_FILE', session: s }));
      return outcome(name, result, (reply) => {
        const list = dialect.readFileList(reply);
        if (!list.ok)
          return {
            lines: [`OK (file list unreadable: ${list.reason})`],
            json: { problem: list.reason },
          };
        context.files.clear();
        const lines: string[] = [];
        const files: Array<{ peer: string; filename: string }> = [];
        for (const [peer, names] of list.value) {
          context.files.set(peer, names);
          for (const filename of names) files.push({ peer, filename });
          lines.push(`${peer}: ${names.join(', ')}`);
        }
        return { lines: lines.length === 0 ? ['(no files)'] : lines, json: { files } };
      });
    }
    case 'send_file':
    case 'send_group_file': {
      const [to = '', path = ''] = args;
      const file = await readLocalFile(path, context.maxFileBytes);
      if (!file.ok) return local(name, file.reason);
      const filename = wireFilename(path);
      const data = file.data.toString('base64');
      const result = await call((s) =>
        name === 'send_file'
          ? { command: 'SEND_FILE', session: s, to, filename, data }
          : { command: 'SEND_GROUP_FILE', session: s, group: to, filename, data },
      );
      return outcome(name, result, (reply) => ({
        lines: [`OK ${okText(dialect, reply, 'sent')} (${filename}, ${file.data.length} bytes)`],
        json: { filename, bytes: file.data.length },
      }));
    }
    case 'download_file': {
      const [peer = '', filename = ''] = args;
      const safe = safeDownloadName(filename);
      if (!safe.ok) return local(name, safe.reason);
      const result = await call((s) => ({ command: 'DOWNLOAD_FILE', session: s, peer, filename }));
      if (result.kind !== 'ok') return outcome(name, result, () => ({ lines: [] }));
      const file = dialect.readDownload(result.reply);
      if (!file.ok) return local(name, `download reply: ${file.reason}`);
      const bytes = decodeBase64(file.value.data);
      if (bytes === undefined) return local(name, 'the server sent data that is not base64');
      let saved: string;
      try {
        saved = await writeNew(resolve(context.downloadDir), safe.name, bytes);
      } catch (error) {
        return local(
          name,
          `cannot save ${safe.name} in ${context.downloadDir}: ${(error as Error).message}`,
        );
      }
      return {
        ok: true,
        lines: [`OK saved ${saved} (${bytes.length} bytes)`],
        json: {
          command: name,
          ok: true,
          status: 'OK',
          saved,
          bytes: bytes.length,
          ...wireJson(result.exchange),
        },
      };
    }
    case 'raw': {
      const result = await session.raw(args[0] ?? '');
      const exchange = result.exchange;
      const lines = [
        ...(exchange === undefined ? [] : [`→ ${escapeWire(exchange.sent)}`]),
        ...(exchange?.received === undefined ? [] : [`← ${escapeWire(exchange.received)}`]),
        ...(result.kind === 'failed' ? [`FAILED ${result.reason}`] : []),
      ];
      return {
        ok: result.kind !== 'failed',
        lines,
        json: {
          command: name,
          ok: result.kind !== 'failed',
          status: result.kind === 'ok' ? 'OK' : result.kind === 'error' ? 'ERROR' : null,
          ...(result.kind === 'failed' ? { problem: result.reason } : {}),
          ...wireJson(exchange),
        },
      };
    }
    default:
      return local(name, `unknown command "${name}"`);
  }
}

function okText(
  dialect: Dialect,
  reply: Readonly<Record<string, unknown>>,
  fallback: string,
): string {
  const text = dialect.readOkText(reply);
  return text.ok ? text.value : fallback;
}
