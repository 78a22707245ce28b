/**
 * A generated step: what to send, in terms of the world (user 2, file 1, a forged token)
 * rather than concrete strings, so that it survives shrinking and reads well. `resolve.ts`
 * turns a step into the exact line against the sessions that exist at that moment.
 */
import type { CommandName } from '../../specs/index.js';
import type { PayloadSpec } from './payload.js';

/** Ways a real token is altered into one the server never issued. */
export const MANGLES = ['flip', 'truncate', 'extend', 'upper'] as const;
export type Mangle = (typeof MANGLES)[number];

export type SessionRef =
  /** The session the user got when the run started. */
  | { readonly kind: 'user'; readonly user: number }
  /** A session from an earlier auth step of this run (the user's own when there is none). */
  | { readonly kind: 'login'; readonly login: number }
  /** A token no server issued: a random UUID or a word like `null`. */
  | { readonly kind: 'forged'; readonly token: string }
  /** A real token, altered: the server must match tokens exactly. */
  | { readonly kind: 'mangled'; readonly user: number; readonly how: Mangle };

/** A recipient: a user, a name no user has, or a group id where a user belongs. */
export type UserRef =
  | { readonly kind: 'user'; readonly user: number }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'group'; readonly group: number };

export type GroupRef =
  | { readonly kind: 'group'; readonly group: number }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'user'; readonly user: number };

/** A download's peer: a user, a group, or neither. */
export type PeerRef = UserRef;

export type Op =
  | {
      readonly cmd: 'AUTH';
      readonly who: UserRef;
      readonly password: 'right' | 'wrong' | 'other-user';
    }
  | {
      readonly cmd: 'SEND';
      readonly session: SessionRef;
      readonly to: UserRef;
      readonly text: string;
    }
  | { readonly cmd: 'INBOX'; readonly session: SessionRef }
  | {
      readonly cmd: 'SEND_FILE';
      readonly session: SessionRef;
      readonly to: UserRef;
      readonly file: number;
      readonly content: PayloadSpec;
    }
  | {
      readonly cmd: 'DOWNLOAD_FILE';
      readonly session: SessionRef;
      readonly peer: PeerRef;
      /** An index into the world's filenames, or `missing` for one never sent. */
      readonly file: number | 'missing';
    }
  | { readonly cmd: 'MY_FILE'; readonly session: SessionRef }
  | {
      readonly cmd: 'SEND_GROUP';
      readonly session: SessionRef;
      readonly group: GroupRef;
      readonly text: string;
    }
  | {
      readonly cmd: 'SEND_GROUP_FILE';
      readonly session: SessionRef;
      readonly group: GroupRef;
      readonly file: number;
      readonly content: PayloadSpec;
    };

/** A request line that is wrong on purpose. */
export type Malformed =
  /** A well-formed op cut after `keep` words (the command word counts): too few params. */
  | { readonly cmd: 'MISSING_PARAMS'; readonly of: Op; readonly keep: number }
  /** A command word no server knows, with whatever follows it. */
  | { readonly cmd: 'UNKNOWN'; readonly verb: string; readonly rest: string };

/**
 * How a well-formed line is spelled. `plain` is the course client's way; the others are
 * robustness SHOULDs and a MAY, so a server that refuses them is noted, not failed.
 */
export const FORMS = ['plain', 'upper', 'spaces', 'tabs', 'no-trailing-space', 'bare-lf'] as const;
export type Form = (typeof FORMS)[number];

export interface Step {
  /** Which of the run's connections carries it (modulo their number). */
  readonly conn: number;
  readonly op: Op | Malformed;
  readonly form: Form;
}

export type OpCommand = Op['cmd'] & CommandName;
