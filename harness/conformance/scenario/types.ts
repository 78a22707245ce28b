/**
 * A scenario as the engine runs it: the scenario file's text after validation, sugar expanded
 * (`login`, `drain`, `as`) and defaults filled. See schema.ts for the file format.
 */
import type {
  CommandName,
  ErrorCode,
  Level,
  LineStyle,
  ParamName,
  RequirementId,
} from '../../../specs/index.js';
import type { ScenarioGroup, ScenarioId } from '../../../results/run.js';

/** A text with `${name}` placeholders, filled at run time (template.ts). */
export type Template = string;

/** A user or a group the scenario needs, bound to the fixture at run time (roles/bind.ts). */
export type RoleSpec =
  | {
      readonly kind: 'user';
      /** Only this fixture username (fuzz replays pin users); any user otherwise. */
      readonly username?: string;
      /** A group role this user must belong to. */
      readonly memberOf?: string;
      /** A group role this user must not belong to. */
      readonly notMemberOf?: string;
    }
  | {
      readonly kind: 'group';
      /** Only this fixture group id; any group otherwise. */
      readonly id?: string;
      readonly minMembers: number;
    };

/** File contents a scenario sends; `${name}` in a template gives its base64, `${name.text}` its text. */
export type PayloadSpec =
  | { readonly kind: 'random'; readonly bytes: number; readonly seed: number }
  | { readonly kind: 'text'; readonly text: Template }
  | { readonly kind: 'base64'; readonly base64: string }
  | { readonly kind: 'allByteValues' }
  | { readonly kind: 'repeat'; readonly text: string; readonly times: number };

/** What a step's outcome other than a reply means: ERROR (default), a miss, or fine. */
export type OutcomeRule = 'error' | 'miss' | 'pass';

export interface InboxExpect {
  /** No entries at all (INBOX-2, INBOX-5). */
  readonly empty?: boolean;
  /** The key (sender username or group id) `texts` and the name checks look under. */
  readonly from?: Template;
  /**
   * The entries under `from`, in order. Unless `exact`, only entries containing this
   * scenario's `${tag}` are compared, so leftovers from earlier runs never matter.
   */
  readonly texts?: readonly Template[];
  readonly exact: boolean;
  /** Texts that must appear under no key. */
  readonly lacks?: readonly Template[];
  /** INBOX-4: the compared entries are objects whose msg_from / msg_to are these names. */
  readonly msgFrom?: Template;
  readonly msgTo?: Template;
}

export interface FilesExpect {
  /** The peer the lists are read under; every peer when absent (for `lacks`). */
  readonly peer?: Template;
  readonly includes?: readonly Template[];
  readonly lacks?: readonly Template[];
}

export interface DownloadExpect {
  readonly filename: Template;
  /** The payload whose bytes the data must decode to. */
  readonly payload: string;
}

export interface TokenExpect {
  /** Keep the token under this name for later `${name}`. */
  readonly save?: string;
  /** Saved tokens this one must differ from (AUTH-4). */
  readonly differsFrom: readonly string[];
  /** AUTH-5: a random UUID, version 4. */
  readonly uuid4: boolean;
}

/** What one reply must satisfy. */
export interface Expect {
  readonly status: 'OK' | 'ERROR' | 'any';
  /** The error; its status is the MUST, its documented text the SHOULD. */
  readonly error?: ErrorCode;
  /** A success reply's text (SHOULD). */
  readonly okText?: 'MESSAGE_SENT' | 'FILE_SENT';
  readonly token?: TokenExpect;
  /** One check per key, all on the same reply. */
  readonly inbox?: readonly InboxExpect[];
  readonly files?: FilesExpect;
  readonly download?: DownloadExpect;
  /** Fields the raw reply must hold with these values (a subset match); bypasses the dialect. */
  readonly json?: Readonly<Record<string, unknown>>;
  /** Nothing more may have arrived after this reply (FRAME-1: exactly one reply). */
  readonly noExtraBytes: boolean;
  /**
   * Note raw non-ASCII bytes in this reply: INFORMATIONAL at most, never a miss (the course's
   * servers write json.dumps's ASCII, which their clients need; the document asks nothing).
   */
  readonly asciiOnly?: boolean;
  readonly onTimeout: OutcomeRule;
  readonly onClosed: OutcomeRule;
  /** Wait at most this long for this reply (within the scenario's budget). */
  readonly withinMs?: number;
  /**
   * A reply other than OK (an ERROR, silence, a close) ends the scenario here without a
   * verdict of its own: what follows needs the OK, and another requirement grades a refusal.
   */
  readonly endUnlessOk?: boolean;
}

/** How bytes go out: in pieces, to test reassembly (FRAME-5, FRAME-10). */
export type Pieces =
  | { readonly chunkBytes: number; readonly delayMs: number }
  | { readonly splitInside: string; readonly delayMs: number };

export interface RequestTemplate {
  readonly command: CommandName;
  readonly params: Readonly<Partial<Record<ParamName, Template>>>;
}

interface StepBase {
  /** What the step does, in a person's words; shown in transcripts and reasons. */
  readonly note: string;
  /** The connection (opened on first use); several per scenario, by name. */
  readonly conn: string;
}

export interface RequestStep extends StepBase {
  readonly kind: 'request';
  /** One request, or several sent in one write (pipelining). */
  readonly requests: readonly RequestTemplate[];
  readonly style: LineStyle;
  /** Params left out of the line (missing-param errors), still spelled by the dialect. */
  readonly omit: readonly ParamName[];
  readonly pieces?: Pieces;
  /** One per request. */
  readonly expect: readonly Expect[];
  /** Preparation: a miss here is an ERROR ("could not set up"), not the scenario's verdict. */
  readonly setup: boolean;
}

export interface RawStep extends StepBase {
  readonly kind: 'raw';
  readonly text: Template;
  readonly encoding: 'utf8' | 'latin1';
  readonly pieces?: Pieces;
  /** One per reply read; empty to read none. */
  readonly expect: readonly Expect[];
  readonly setup: boolean;
}

/** Bytes without a line end, until the server refuses them or `bytes` are sent (FRAME-9). */
export interface FloodStep extends StepBase {
  readonly kind: 'flood';
  readonly bytes: number;
  readonly fill: string;
  readonly chunkBytes: number;
}

export interface CloseStep extends StepBase {
  readonly kind: 'close';
}

/** The inner steps once per member of a group role, with `as` bound to the member. */
export interface ForEachStep {
  readonly kind: 'forEach';
  readonly note: string;
  readonly group: string;
  readonly as: string;
  /** A user role left out of the loop (the sender, when only the other members count). */
  readonly except?: string;
  readonly steps: readonly Step[];
}

export type Step = RequestStep | RawStep | FloodStep | CloseStep | ForEachStep;

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly group: ScenarioGroup;
  readonly requirements: readonly RequirementId[];
  /** How a miss is graded: MUST → FAIL, SHOULD → NON-STRICT, MAY → INFORMATIONAL. */
  readonly level: Level;
  readonly roles: Readonly<Record<string, RoleSpec>>;
  readonly payloads: Readonly<Record<string, PayloadSpec>>;
  readonly steps: readonly Step[];
  /** The file it came from, for messages. */
  readonly source: string;
}
