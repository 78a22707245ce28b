/**
 * A defect: one mistake a real server of this course makes, as data plus small hooks at the
 * stage of the request path where the mistake lives:
 *
 *   bytes in -> split into lines -> parse -> model -> reply object -> encode -> write
 *
 * The reference server runs every request through these stages; with no defect selected
 * each stage is the identity, so the clean server is the same code path.
 */
import type { ChatState, ParseResult, Reply, Request, RequirementId } from '../../specs/index.js';

/** A reply as it leaves the model and may be bent before encoding. */
export type WireReply = Readonly<Record<string, unknown>>;

/** Bytes in, request lines out (the stage LineDecoder fills in the clean server). */
export interface LineSplitter {
  /** `lines` is a new array each time: the connection keeps it as its queue. */
  push(chunk: Buffer): { readonly lines: string[]; readonly overflow: boolean };
  /** Bytes held of a request not yet complete. */
  readonly pendingBytes: number;
}

/** What the connection does with a request once it has been handled. */
export type Disposition =
  /** Write the reply and carry on. */
  | 'reply'
  /** Write the reply, then end the connection. */
  | 'reply-and-close'
  /** End the connection without a reply. */
  | 'close'
  /** Never reply and never read again; only close() or the idle timeout ends it. */
  | 'hang';

export interface HookContext {
  readonly state: ChatState;
}

/** The stages a defect may bend; every one is optional. */
export interface ServerHooks {
  /** Bytes in: replaces the line decoder of each connection. */
  readonly splitLines?: (maxLineBytes: number) => LineSplitter;
  /**
   * Parse: replaces the canonical parser, for a server that reads requests another way (one
   * defect only). The parse hooks then bend its result.
   */
  readonly tokenize?: (line: string) => ParseResult;
  /** Parse: may rewrite the parsed request (or refuse it). `line` is without its LF. */
  readonly parse?: (parsed: ParseResult, line: string, ctx: HookContext) => ParseResult;
  /** Model: wraps the model's step; may change the request, the reply or the state. */
  readonly apply?: (request: Request, next: (request: Request) => Reply, ctx: HookContext) => Reply;
  /** Model: how session tokens are made, given the server's random UUIDv4 maker. */
  readonly newToken?: (random: () => string) => () => string;
  /** Reply object: may change fields before encoding. */
  readonly reply?: (reply: WireReply, parsed: ParseResult, ctx: HookContext) => WireReply;
  /** Write: what the connection does, decided from the model's reply. */
  readonly dispose?: (reply: Reply, parsed: ParseResult) => Disposition;
  /** Encode: replaces JSON + CRLF CRLF. The text is written as UTF-8. */
  readonly encode?: (reply: WireReply) => string;
  /** Write: every reply waits this long before it is written. */
  readonly replyDelayMs?: number;
  /** Server: after this many requests the listener stops and every connection drops. */
  readonly crashAfterRequests?: number;
}

/** A defect's one numeric setting, given as `--defect NAME=VALUE`. */
export interface DefectParam {
  /** What the value means, for the list: `N`, `MS`. */
  readonly name: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

export interface Defect {
  /** Lower-case and hyphenated, as given to `--defect`. */
  readonly name: string;
  /** Which part of the protocol it breaks; the families group the catalogue. */
  readonly family: DefectFamily;
  /** One line: what the server does wrong. */
  readonly description: string;
  /**
   * The requirements a checker that catches this defect should cite; empty for a variation
   * the protocol allows (`allowed`).
   */
  readonly breaks: readonly RequirementId[];
  /**
   * Not a mistake but a way real servers differ that the protocol allows (a reply's spacing,
   * an inbox entry's shape): a fair checker must not FAIL it. Profiles need these to sound
   * like the servers they reproduce; the mutation test checks that none is failed.
   */
  readonly allowed?: boolean;
  /**
   * Only an error's wording is wrong (the SHOULD inside requirements that are MUST for the
   * status), so NON-STRICT is the right verdict although `breaks` names MUSTs.
   */
  readonly onlyErrorText?: boolean;
  readonly param?: DefectParam;
  /** Fresh hooks for one server (counters start at zero); `value` is the param's value. */
  hooks(value: number): ServerHooks;
}

export type DefectFamily =
  | 'error-texts'
  | 'reply-framing'
  | 'request-framing'
  | 'parsing'
  | 'sessions'
  | 'messages'
  | 'groups'
  | 'files'
  | 'liveness';

/** Builds a frozen defect; keeps each family file to its data. */
function defect(spec: Defect): Defect {
  return Object.freeze({ ...spec, breaks: Object.freeze([...spec.breaks]) });
}

/** A defect as its family's file writes it: the family is the file's, named once. */
export type DefectRecord = Omit<Defect, 'family'>;

/** Builds a family's frozen defects, in the order given. */
export function defectFamily(family: DefectFamily, records: readonly DefectRecord[]): Defect[] {
  return records.map(({ name, ...rest }) => defect({ name, family, ...rest }));
}
