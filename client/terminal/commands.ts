/**
 * The terminal client's commands, in the style of the course's chat-cli: what each takes, its
 * help line, parsing a typed line, and completing one (commands, users, groups, file names).
 */

export interface TerminalCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** What each word after the command completes to. */
  readonly completes: readonly ('user' | 'group' | 'peer' | 'path' | 'received-file' | 'none')[];
  /** Words required after the command; the last one may take the rest of the line. */
  readonly minArgs: number;
  /** The last argument is free text (everything after the fixed words). */
  readonly restIsText: boolean;
}

const c = (command: TerminalCommand): TerminalCommand => Object.freeze(command);

export const TERMINAL_COMMANDS: readonly TerminalCommand[] = Object.freeze([
  c({
    name: 'auth',
    usage: 'auth <username> <password>',
    summary: 'log in; the session token is kept',
    completes: ['user', 'none'],
    minArgs: 2,
    restIsText: false,
  }),
  c({
    name: 'send',
    usage: 'send <username> <message…>',
    summary: 'send a message to a user',
    completes: ['user'],
    minArgs: 2,
    restIsText: true,
  }),
  c({
    name: 'inbox',
    usage: 'inbox',
    summary: 'read (and empty) your inbox',
    completes: [],
    minArgs: 0,
    restIsText: false,
  }),
  c({
    name: 'send_file',
    usage: 'send_file <username> <path>',
    summary: 'send a file (read from disk, base64-encoded)',
    completes: ['user', 'path'],
    minArgs: 2,
    restIsText: false,
  }),
  c({
    name: 'my_file',
    usage: 'my_file',
    summary: 'list the files you have received',
    completes: [],
    minArgs: 0,
    restIsText: false,
  }),
  c({
    name: 'download_file',
    usage: 'download_file <username|group> <filename>',
    summary: 'download a file into the download folder',
    completes: ['peer', 'received-file'],
    minArgs: 2,
    restIsText: false,
  }),
  c({
    name: 'send_group',
    usage: 'send_group <group> <message…>',
    summary: 'send a message to a group',
    completes: ['group'],
    minArgs: 2,
    restIsText: true,
  }),
  c({
    name: 'send_group_file',
    usage: 'send_group_file <group> <path>',
    summary: 'send a file to a group',
    completes: ['group', 'path'],
    minArgs: 2,
    restIsText: false,
  }),
  c({
    name: 'raw',
    usage: 'raw <line…>',
    summary: 'send a line as typed (plus CRLF; {session} is your token) and show the exact reply',
    completes: [],
    minArgs: 1,
    restIsText: true,
  }),
  c({
    name: 'help',
    usage: 'help',
    summary: 'this list',
    completes: [],
    minArgs: 0,
    restIsText: false,
  }),
  c({
    name: 'quit',
    usage: 'quit',
    summary: 'leave (Ctrl-D too)',
    completes: [],
    minArgs: 0,
    restIsText: false,
  }),
]);

export function commandByName(name: string): TerminalCommand | undefined {
  return TERMINAL_COMMANDS.find((command) => command.name === name.toLowerCase());
}

export function helpText(): string {
  const width = Math.max(...TERMINAL_COMMANDS.map((command) => command.usage.length));
  return TERMINAL_COMMANDS.map(
    (command) => `  ${command.usage.padEnd(width)}  ${command.summary}`,
  ).join('\n');
}

export type ParsedLine =
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'command';
      readonly command: TerminalCommand;
      readonly args: readonly string[];
    }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Splits a typed line: fixed words on whitespace; a text argument keeps the rest as typed. */
export function parseTerminalLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'empty' };
  const [word = ''] = trimmed.split(/\s+/, 1);
  const command = commandByName(word);
  if (command === undefined) {
    return { kind: 'invalid', reason: `unknown command "${word}" (type help for the list)` };
  }
  const rest = trimmed.slice(word.length).trim();
  let args: string[];
  if (command.name === 'raw') {
    // raw keeps the line exactly as typed after the command word, spaces and all.
    const at = line.indexOf(word) + word.length;
    const typed = line.slice(at).replace(/^ /, '');
    args = typed === '' ? [] : [typed];
  } else if (command.restIsText) {
    const fixed = command.minArgs - 1;
    const words = rest === '' ? [] : rest.split(/\s+/);
    const head = words.slice(0, fixed);
    let text = rest;
    for (const w of head) text = text.slice(text.indexOf(w) + w.length);
    text = text.trim();
    args = text === '' ? head : [...head, text];
  } else {
    args = rest === '' ? [] : rest.split(/\s+/);
  }
  if (args.length < command.minArgs) {
    return { kind: 'invalid', reason: `usage: ${command.usage}` };
  }
  return { kind: 'command', command, args };
}

export interface CompletionContext {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  /** Files last listed by my_file, by peer. */
  readonly files: ReadonlyMap<string, readonly string[]>;
  /** Local paths starting with a prefix (for send_file). */
  readonly paths: (prefix: string) => readonly string[];
}

/** node:readline's completer contract: the candidates and the word they complete. */
export function completeLine(line: string, context: CompletionContext): [string[], string] {
  const words = line.split(/\s+/);
  const current = words[words.length - 1] ?? '';
  if (words.length <= 1) {
    const hits = TERMINAL_COMMANDS.map((command) => command.name).filter((name) =>
      name.startsWith(current),
    );
    return [hits.length === 1 ? [`${hits[0]} `] : hits, current];
  }
  const command = commandByName(words[0] ?? '');
  const kind = command?.completes[words.length - 2];
  let candidates: readonly string[] = [];
  if (kind === 'user') candidates = context.users;
  else if (kind === 'group') candidates = context.groups;
  else if (kind === 'peer')
    candidates = [...new Set([...context.files.keys(), ...context.users, ...context.groups])];
  else if (kind === 'received-file')
    candidates = context.files.get(words[words.length - 2] ?? '') ?? [];
  else if (kind === 'path') return [[...context.paths(current)], current];
  const hits = candidates.filter((candidate) => candidate.startsWith(current));
  return [hits.length === 1 ? [`${hits[0]} `] : hits, current];
}
