/**
 * `chatspec chat --terminal`: the interactive prompt (history, tab completion of commands,
 * users, groups and files) or, with piped input, one command per line with one result each
 * (`--json`: one JSON object per line). Exit status for piped input: 0 when every command
 * worked, 1 when any failed (an ERROR reply, no reply, a bad command).
 */
import type { Dialer } from '../net/index.js';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Dialect, Fixture } from '../specs/index.js';
import { ChatSession } from '../client/session.js';
import { completeLine, parseTerminalLine } from '../client/terminal/commands.js';
import {
  executeTerminalCommand,
  type TerminalContext,
  type TerminalOutput,
} from '../client/terminal/execute.js';
import type { CliIo } from './io.js';
import { EXIT_FAILED, EXIT_OK } from './usage.js';

export interface TerminalSettings {
  readonly dialer: Dialer;
  readonly dialect: Dialect;
  readonly fixture: Fixture;
  readonly timeoutMs: number;
  readonly maxMessageBytes: number;
  readonly downloadDir: string;
  readonly json: boolean;
}

/** Paths for completion: the entries of the typed folder that start with the typed name. */
function localPaths(prefix: string): string[] {
  const folder = prefix.endsWith('/') ? prefix : dirname(prefix);
  const start = prefix.endsWith('/') ? '' : basename(prefix);
  try {
    return readdirSync(folder === '' ? '.' : folder)
      .filter((entry) => entry.startsWith(start))
      .slice(0, 200)
      .map((entry) => {
        const path = folder === '.' && !prefix.startsWith('./') ? entry : join(folder, entry);
        try {
          return statSync(path).isDirectory() ? `${path}/` : path;
        } catch {
          return path;
        }
      });
  } catch {
    return [];
  }
}

export async function runTerminal(settings: TerminalSettings, io: CliIo): Promise<number> {
  const interactive = process.stdin.isTTY === true && io.stdout.isTTY === true;
  const session = new ChatSession(
    {
      dialer: settings.dialer,
      dialect: settings.dialect,
      timeoutMs: settings.timeoutMs,
      maxReplyBytes: Math.max(settings.maxMessageBytes * 2, 1024 * 1024),
      maxLineBytes: settings.maxMessageBytes,
      maxPendingRequests: 1,
      fixture: settings.fixture,
    },
    interactive
      ? {
          onTargetChange: (up, reason) =>
            io.stderr.write(
              up
                ? `! ${session.target} is back\n`
                : `! ${session.target} is not reachable: ${reason ?? 'connection lost'}\n`,
            ),
          onLoggedOut: (reason) => io.stderr.write(`! ${reason}\n`),
        }
      : {},
  );
  const context: TerminalContext = {
    session,
    dialect: settings.dialect,
    fixture: settings.fixture,
    downloadDir: settings.downloadDir,
    maxFileBytes: Math.floor((settings.maxMessageBytes * 3) / 4) - 4096,
    seenUsers: new Set(),
    files: new Map(),
  };
  const rl = createInterface({
    input: process.stdin,
    // Interactive means stdout is a terminal, so it is the process's own stream.
    output: interactive ? (io.stdout as NodeJS.WritableStream) : undefined,
    terminal: interactive,
    historySize: 1000,
    removeHistoryDuplicates: true,
    ...(interactive
      ? {
          completer: (line: string) =>
            completeLine(line, {
              users: [
                ...new Set([
                  ...settings.fixture.users.map((u) => u.username),
                  ...context.seenUsers,
                ]),
              ],
              groups: settings.fixture.groups.map((g) => g.id),
              files: context.files,
              paths: localPaths,
            }),
        }
      : {}),
  });
  const print = (output: TerminalOutput): void => {
    if (settings.json) io.stdout.write(`${JSON.stringify(output.json)}\n`);
    else if (output.lines.length > 0) io.stdout.write(`${output.lines.join('\n')}\n`);
  };
  const prompt = (): void => {
    rl.setPrompt(`${session.username ?? 'chatspec'}> `);
    rl.prompt();
  };

  let failures = 0;
  if (interactive) {
    io.stdout.write(
      `chatspec chat: ${session.target} (dialect ${settings.dialect.name}); type help, Tab completes\n`,
    );
    prompt();
  }
  rl.on('SIGINT', () => rl.close());
  try {
    for await (const line of rl) {
      const parsed = parseTerminalLine(line);
      if (parsed.kind === 'invalid') {
        failures++;
        print({
          ok: false,
          lines: [`error: ${parsed.reason}`],
          json: {
            command: line.trim().split(/\s+/)[0] ?? '',
            ok: false,
            status: null,
            problem: parsed.reason,
          },
        });
      } else if (parsed.kind === 'command') {
        const output = await executeTerminalCommand(context, parsed.command, parsed.args);
        if (output.quit === true) break;
        if (!output.ok) failures++;
        print(output);
      }
      if (interactive) prompt();
    }
  } finally {
    rl.close();
    session.close();
  }
  if (interactive) io.stdout.write('\n');
  return failures === 0 || interactive ? EXIT_OK : EXIT_FAILED;
}
