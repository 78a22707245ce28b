/** A request as the protocol means it: a command and its named params, before any wire spelling. */
import type { CommandName, ParamName } from './commands.js';

export type Request =
  | { readonly command: 'AUTH'; readonly username: string; readonly password: string }
  | {
      readonly command: 'SEND';
      readonly session: string;
      readonly to: string;
      readonly text: string;
    }
  | { readonly command: 'INBOX'; readonly session: string }
  | {
      readonly command: 'SEND_FILE';
      readonly session: string;
      readonly to: string;
      readonly filename: string;
      readonly data: string;
    }
  | {
      readonly command: 'DOWNLOAD_FILE';
      readonly session: string;
      readonly peer: string;
      readonly filename: string;
    }
  | { readonly command: 'MY_FILE'; readonly session: string }
  | {
      readonly command: 'SEND_GROUP';
      readonly session: string;
      readonly group: string;
      readonly text: string;
    }
  | {
      readonly command: 'SEND_GROUP_FILE';
      readonly session: string;
      readonly group: string;
      readonly filename: string;
      readonly data: string;
    };

export type RequestOf<C extends CommandName> = Extract<Request, { command: C }>;

/** Reads a named param of any request; undefined where the command has no such param. */
export function paramOf(request: Request, name: ParamName): string | undefined {
  const value = (request as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The request of `command` from its words in the order COMMANDS gives them (the params,
 * then the tail). One object literal per command, so a parser's stores each see one shape,
 * where a store per param name across every command's shape is a megamorphic lookup; a
 * test holds the order here to COMMANDS.
 */
export function requestFromWords(command: CommandName, words: readonly string[]): Request {
  const w = (i: number): string => words[i] ?? '';
  switch (command) {
    case 'AUTH':
      return { command, username: w(0), password: w(1) };
    case 'SEND':
      return { command, session: w(0), to: w(1), text: w(2) };
    case 'INBOX':
      return { command, session: w(0) };
    case 'SEND_FILE':
      return { command, session: w(0), to: w(1), filename: w(2), data: w(3) };
    case 'DOWNLOAD_FILE':
      return { command, session: w(0), peer: w(1), filename: w(2) };
    case 'MY_FILE':
      return { command, session: w(0) };
    case 'SEND_GROUP':
      return { command, session: w(0), group: w(1), text: w(2) };
    case 'SEND_GROUP_FILE':
      return { command, session: w(0), group: w(1), filename: w(2), data: w(3) };
  }
}
