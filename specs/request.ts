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
