/** Defects in staying alive and answering at all: hangs, delays, crashes, missing commands. */
import { COMMANDS, type CommandName, type ParseResult } from '../../specs/index.js';
import { defectFamily, type Defect } from './defect.js';

/** The lecturer's template implements these three and nothing else. */
const TEMPLATE_COMMANDS: ReadonlySet<CommandName> = new Set(['AUTH', 'SEND', 'INBOX']);

/** The command a parse result is about, if it names a known one. */
function commandOf(parsed: ParseResult): CommandName | undefined {
  if (parsed.ok) return parsed.request.command;
  return parsed.error === 'MISSING_PARAMS' ? parsed.command : undefined;
}

export const LIVENESS_DEFECTS: readonly Defect[] = defectFamily('liveness', [
  {
    name: 'hangs-on-unknown-command',
    description: 'never answers an unknown command, and nothing after it on that connection',
    breaks: ['PROTO-1', 'FRAME-1'],
    hooks: () => ({
      dispose: (_reply, parsed) =>
        !parsed.ok && parsed.error === 'UNKNOWN_COMMAND' ? 'hang' : 'reply',
    }),
  },
  {
    name: 'slow-replies',
    description: 'waits MS milliseconds before every reply (longer than a checker waits)',
    breaks: ['FRAME-1'],
    param: { name: 'MS', default: 10_000, min: 1, max: 600_000 },
    hooks: (delayMs) => ({ replyDelayMs: delayMs }),
  },
  {
    name: 'crashes-after-requests',
    description: 'stops listening and drops every connection at its (N+1)th request',
    breaks: ['FRAME-11', 'FRAME-4'],
    param: { name: 'N', default: 25, min: 0, max: 100_000_000 },
    hooks: (n) => ({ crashAfterRequests: n }),
  },
  {
    name: 'missing-send-group-file',
    description: 'does not implement send_group_file (answers **Protocol Tidak Benar)',
    breaks: ['GROUPFILE-1', 'GROUPFILE-2'],
    hooks: () => ({
      // By the command word alone: a server without the command cannot count its params.
      parse: (parsed, line) =>
        line.trim().split(/\s+/, 1)[0]!.toLowerCase() === COMMANDS.SEND_GROUP_FILE.wire
          ? { ok: false, error: 'UNKNOWN_COMMAND', verb: COMMANDS.SEND_GROUP_FILE.wire }
          : parsed,
    }),
  },
  {
    name: 'only-auth-send-inbox',
    description:
      "implements only auth, send and inbox, as the lecturer's template (every other command is **Protocol Tidak Benar)",
    breaks: ['SENDFILE-1', 'DOWNLOAD-1', 'MYFILE-1', 'GROUP-1', 'GROUPFILE-1'],
    hooks: () => ({
      parse(parsed) {
        const command = commandOf(parsed);
        return command === undefined || TEMPLATE_COMMANDS.has(command)
          ? parsed
          : { ok: false, error: 'UNKNOWN_COMMAND', verb: COMMANDS[command].wire };
      },
    }),
  },
  {
    name: 'closes-after-reply',
    description: 'closes the connection after answering one request',
    breaks: ['FRAME-4'],
    hooks: () => ({ dispose: () => 'reply-and-close' }),
  },
  {
    name: 'closes-on-missing-params',
    description:
      'closes the connection without a reply when a request has too few params (an IndexError)',
    breaks: ['PROTO-2', 'FRAME-1'],
    hooks: () => ({
      dispose: (_reply, parsed) =>
        !parsed.ok && parsed.error === 'MISSING_PARAMS' ? 'close' : 'reply',
    }),
  },
]);
