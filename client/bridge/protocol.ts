/**
 * The messages between the page and the bridge, as JSON over the WebSocket. The page asks
 * for protocol actions by name; it never names a host, a port or a raw line, so the bridge
 * cannot be turned into a proxy to anywhere but the target it was started with.
 * Type-only: the page's bundle imports these types and nothing else from here.
 */
import type { ChatMessage, RoomRef } from '../chat-message.js';
import type { WireRecord } from '../wire-record.js';

export type PageRequest =
  | { readonly op: 'login'; readonly username: string; readonly password: string }
  | { readonly op: 'logout' }
  | { readonly op: 'send'; readonly to: string; readonly text: string }
  | { readonly op: 'sendGroup'; readonly group: string; readonly text: string }
  | {
      readonly op: 'sendFile';
      readonly to: string;
      readonly filename: string;
      /** The file's bytes, base64. */
      readonly data: string;
    }
  | {
      readonly op: 'sendGroupFile';
      readonly group: string;
      readonly filename: string;
      readonly data: string;
    }
  | { readonly op: 'myFiles' }
  | { readonly op: 'download'; readonly peer: string; readonly filename: string };

export type PageOp = PageRequest['op'];

/** What the page sends: a request and the id its answer will carry. */
export type PageMessage = PageRequest & { readonly id: number };

export interface FileEntry {
  readonly peer: string;
  readonly filename: string;
}

export type OpValue =
  | { readonly op: 'login'; readonly username: string; readonly name: string }
  | { readonly op: 'sent'; readonly text?: string }
  | { readonly op: 'files'; readonly files: readonly FileEntry[] }
  | { readonly op: 'download'; readonly filename: string; readonly data: string }
  | { readonly op: 'done' };

export interface HelloMessage {
  readonly type: 'hello';
  /** The target, as given on the command line: shown, never chosen by the page. */
  readonly target: string;
  readonly dialect: string;
  readonly users: readonly { readonly username: string; readonly name: string }[];
  readonly groups: readonly {
    readonly id: string;
    readonly name: string;
    readonly members: readonly string[];
  }[];
  readonly pollMs: number;
  /** Largest file the page may send (bytes before base64). */
  readonly maxFileBytes: number;
  readonly up: boolean;
}

export type BridgeMessage =
  | HelloMessage
  | {
      readonly type: 'answer';
      readonly id: number;
      readonly ok: true;
      readonly value: OpValue;
    }
  | {
      readonly type: 'answer';
      readonly id: number;
      readonly ok: false;
      /** One line: the server's own error text, or why no reply came. */
      readonly error: string;
      /** Whether `error` is the server's text (an ERROR reply) rather than the bridge's. */
      readonly fromServer: boolean;
    }
  | { readonly type: 'wire'; readonly record: WireRecord }
  | { readonly type: 'messages'; readonly messages: readonly ChatMessage[] }
  | { readonly type: 'target'; readonly up: boolean; readonly reason?: string }
  | { readonly type: 'loggedOut'; readonly reason: string }
  /** A message from the page the bridge refused (unknown op, a target named, bad JSON). */
  | { readonly type: 'refused'; readonly id?: number; readonly reason: string };

export type { ChatMessage, RoomRef, WireRecord };
