/**
 * Turns a generated step into the exact request line, against the sessions that exist when
 * it runs, and into what the model is to expect. Every well-formed line is built by the
 * dialect (`formatRequest`); odd forms only change the separators, the command word's case
 * or the line end of that line.
 */
import {
  COMMANDS,
  escapeControls,
  type CommandName,
  type Dialect,
  type LineStyle,
  type MissingPart,
  type Request,
  type RequirementId,
} from '../../specs/index.js';
import type { SessionView } from './model.js';
import { payloadBase64, type PayloadSpec } from './payload.js';
import type { Form, Malformed, Mangle, Op, SessionRef, Step, UserRef, GroupRef } from './steps.js';
import { pick, type FuzzWorld } from './world.js';

export type Expectation =
  | { readonly kind: 'request'; readonly request: Request }
  | {
      readonly kind: 'error';
      readonly code: 'UNKNOWN_COMMAND' | 'MISSING_PARAMS';
      /** What a line short of params lacks, which names the requirement an OK breaks. */
      readonly missing?: MissingPart;
      /**
       * A line a server may read as a complete request: a message without its text (the
       * template sends an empty message), or a file command whose filename is the empty word
       * the space before the line end leaves (the template stores a file named ""). The
       * protocol tolerates an OK to these (a SHOULD), and the model then takes this request.
       */
      readonly acceptedAs?: Request;
    };

/** A refusal the rules allow: the server answered ERROR where the model would act. */
export interface Tolerance {
  readonly verdict: 'NON-STRICT' | 'INFORMATIONAL';
  readonly requirement?: RequirementId;
  readonly why: string;
}

/** The session a line carries, as the printed steps and the scenario export name it. */
export interface SessionUse {
  readonly token: string;
  /** `messi`, `login2`; absent for a forged token. */
  readonly label?: string;
  readonly mangle?: Mangle;
}

export interface Resolved {
  readonly step: Step;
  /** Exactly what goes on the wire, line end included. */
  readonly wire: string;
  /** For people: tokens as `$label`, long data elided, control characters escaped. */
  readonly display: string;
  readonly expect: Expectation;
  /** The command the line's word names, when it names one. */
  readonly command: CommandName | undefined;
  /** Set when a refusal of this spelling is allowed (a SHOULD or a MAY). */
  readonly formTolerance: Tolerance | undefined;
  readonly session: SessionUse | undefined;
  /** File contents sent, for the scenario export. */
  readonly payload: PayloadSpec | undefined;
}

const BARE: LineStyle = Object.freeze({ trailingSpace: false, eol: '' });
/** Data longer than this is shown by its size. */
const SHOWN_DATA_CHARS = 24;

const FORM_TOLERANCE: Readonly<Partial<Record<Form, Tolerance>>> = {
  upper: { verdict: 'INFORMATIONAL', requirement: 'PROTO-4', why: 'a command word in upper case' },
  spaces: { verdict: 'NON-STRICT', why: 'runs of spaces between params (PROTOCOL.md §3)' },
  tabs: { verdict: 'NON-STRICT', why: 'tabs between params (PROTOCOL.md §3)' },
  'no-trailing-space': {
    verdict: 'NON-STRICT',
    requirement: 'FRAME-7',
    why: 'no space before the line end',
  },
  'bare-lf': { verdict: 'NON-STRICT', requirement: 'FRAME-6', why: 'a bare LF ends the line' },
};

export function mangleToken(token: string, how: Mangle): string {
  switch (how) {
    case 'truncate':
      return token.length > 1 ? token.slice(0, -1) : `${token}0`;
    case 'extend':
      return `${token}0`;
    case 'upper': {
      const upper = token.toUpperCase();
      if (upper !== token) return upper;
      return flipLast(token);
    }
    case 'flip':
      return flipLast(token);
  }
}

/** The last character changed: surely different, same length, still one word. */
export function flipLast(value: string): string {
  if (value.length === 0) return 'x';
  const last = value[value.length - 1]!;
  const replacement = last === '0' ? '1' : last === 'a' ? 'b' : /[0-9]/.test(last) ? '0' : 'a';
  return value.slice(0, -1) + replacement;
}

type SessionRequest = Exclude<Request, { readonly command: 'AUTH' }>;
/** A request that needs a session, without it: the fields an op decides. */
type WithoutSession = SessionRequest extends infer R
  ? R extends SessionRequest
    ? Omit<R, 'session'>
    : never
  : never;

interface Parts {
  readonly request: Request;
  /** The same request with a readable session and data, for display. */
  readonly shown: Request;
  readonly session: SessionUse | undefined;
  readonly payload: PayloadSpec | undefined;
}

function sessionOf(ref: SessionRef, view: SessionView, world: FuzzWorld): SessionUse {
  switch (ref.kind) {
    case 'forged':
      return { token: ref.token };
    case 'login':
      if (view.logins.length > 0) {
        const token = pick(view.logins, ref.login);
        return { token, label: view.labelOf(token) ?? 'login' };
      }
      return sessionOf({ kind: 'user', user: ref.login }, view, world);
    case 'user':
    case 'mangled': {
      const user = pick(world.users, ref.user);
      const token = view.tokenOfUser(user.username);
      if (token === undefined) throw new Error(`no session learned for ${user.username}`);
      return ref.kind === 'user'
        ? { token, label: user.username }
        : { token: mangleToken(token, ref.how), label: user.username, mangle: ref.how };
    }
  }
}

export function showSession(use: SessionUse): string {
  if (use.label === undefined) return use.token;
  return use.mangle === undefined ? `$${use.label}` : `$${use.label}|${use.mangle}`;
}

function userName(ref: UserRef, world: FuzzWorld): string {
  if (ref.kind === 'user') return pick(world.users, ref.user).username;
  if (ref.kind === 'group') return pick(world.groups, ref.group).id;
  return ref.name;
}

function groupId(ref: GroupRef, world: FuzzWorld): string {
  if (ref.kind === 'group') return pick(world.groups, ref.group).id;
  if (ref.kind === 'user') return pick(world.users, ref.user).username;
  return ref.name;
}

function shownData(data: string): string {
  return data.length <= SHOWN_DATA_CHARS ? data : `<${data.length} chars of base64>`;
}

function partsOf(op: Op, view: SessionView, world: FuzzWorld): Parts {
  if (op.cmd === 'AUTH') {
    const username = userName(op.who, world);
    const user = op.who.kind === 'user' ? pick(world.users, op.who.user) : undefined;
    let password = 'x';
    if (user !== undefined) {
      const other = world.users.find((u) => u.password !== user.password);
      password =
        op.password === 'right'
          ? user.password
          : op.password === 'other-user' && other !== undefined
            ? other.password
            : flipLast(user.password);
    }
    const request: Request = { command: 'AUTH', username, password };
    return { request, shown: request, session: undefined, payload: undefined };
  }
  const session = sessionOf(op.session, view, world);
  const shownSession = showSession(session);
  // One request two ways: as sent, and as a person reads it (the session by its label, long
  // data by its length). The session stays second, as in every request line.
  const withSession = (fields: WithoutSession, payload?: PayloadSpec): Parts => {
    const { command, ...rest } = fields;
    const shownRest = 'data' in rest ? { ...rest, data: shownData(rest.data) } : rest;
    return {
      request: { command, session: session.token, ...rest } as SessionRequest,
      shown: { command, session: shownSession, ...shownRest } as SessionRequest,
      session,
      payload,
    };
  };
  switch (op.cmd) {
    case 'SEND':
      return withSession({ command: 'SEND', to: userName(op.to, world), text: op.text });
    case 'INBOX':
    case 'MY_FILE':
      return withSession({ command: op.cmd });
    case 'SEND_FILE': {
      const to = userName(op.to, world);
      const filename = pick(world.fileNames, op.file);
      const data = payloadBase64(op.content);
      return withSession({ command: 'SEND_FILE', to, filename, data }, op.content);
    }
    case 'DOWNLOAD_FILE': {
      const peer = userName(op.peer, world);
      const filename =
        op.file === 'missing' ? world.missingFileName : pick(world.fileNames, op.file);
      return withSession({ command: 'DOWNLOAD_FILE', peer, filename });
    }
    case 'SEND_GROUP':
      return withSession({ command: 'SEND_GROUP', group: groupId(op.group, world), text: op.text });
    case 'SEND_GROUP_FILE': {
      const group = groupId(op.group, world);
      const filename = pick(world.fileNames, op.file);
      const data = payloadBase64(op.content);
      return withSession({ command: 'SEND_GROUP_FILE', group, filename, data }, op.content);
    }
  }
}

/** Separators between the words before any free text or data: those an odd form changes. */
function separators(request: Request): number {
  const spec = COMMANDS[request.command];
  const tail =
    spec.tailParam === undefined
      ? ''
      : ((request as Record<string, unknown>)[spec.tailParam] ?? '');
  return spec.params.length + (tail === '' ? 0 : 1);
}

function replaceFirstSpaces(line: string, count: number, by: string): string {
  let out = '';
  let replaced = 0;
  for (const ch of line) {
    if (ch === ' ' && replaced < count) {
      out += by;
      replaced++;
    } else {
      out += ch;
    }
  }
  return out;
}

function spell(bare: string, request: Request, form: Form): string {
  switch (form) {
    case 'upper': {
      const space = bare.indexOf(' ');
      return space < 0
        ? bare.toUpperCase()
        : bare.slice(0, space).toUpperCase() + bare.slice(space);
    }
    case 'spaces':
      return replaceFirstSpaces(bare, separators(request), '  ');
    case 'tabs':
      return replaceFirstSpaces(bare, separators(request), '\t');
    default:
      return bare;
  }
}

function lineEnd(form: Form): string {
  if (form === 'no-trailing-space') return '\r\n';
  if (form === 'bare-lf') return ' \n';
  return ' \r\n';
}

const END_NOTE: Readonly<Partial<Record<Form, string>>> = {
  'no-trailing-space': '   ⟨no space before CRLF⟩',
  'bare-lf': '   ⟨ends in a bare LF⟩',
};

function cutWords(line: string, keep: number): string {
  return line.split(' ').slice(0, keep).join(' ');
}

function resolveMalformed(
  step: Step,
  op: Malformed,
  view: SessionView,
  world: FuzzWorld,
  dialect: Dialect,
): Resolved {
  if (op.cmd === 'UNKNOWN') {
    const bare = op.rest === '' ? op.verb : `${op.verb} ${op.rest}`;
    return {
      step,
      wire: `${bare} \r\n`,
      display: escapeControls(bare),
      expect: { kind: 'error', code: 'UNKNOWN_COMMAND' },
      command: undefined,
      formTolerance: undefined,
      session: undefined,
      payload: undefined,
    };
  }
  const parts = partsOf(op.of, view, world);
  const spec = COMMANDS[parts.request.command];
  // Words of the whole line as the dialect spells it: a dialect that leaves a param out
  // (download_file without its peer) has fewer, and a line of all of them is complete. A
  // file's data is not among them: without it, the file is empty (SENDFILE-5).
  const spelling = dialect.spec.commands[parts.request.command];
  const required =
    spelling === 'unsupported'
      ? 1 + spec.params.length + (spec.tail === 'text' ? 1 : 0)
      : spelling.request.trim().split(/\s+/).length - (spec.tail === 'base64' ? 1 : 0);
  const keep = 1 + (Math.abs(op.keep) % (required - 1));
  const bare = cutWords(dialect.formatRequest(parts.request, BARE), keep);
  const shown = cutWords(dialect.formatRequest(parts.shown, BARE), keep);
  // The session is on the line only when its word was kept.
  const session = spec.takesSession && keep >= 2 ? parts.session : undefined;
  const missing = missingPart(parts.request, spelling, keep, required);
  const acceptedAs: Request | undefined =
    missing === 'text'
      ? ({ ...parts.request, text: '' } as Request)
      : missing === 'empty-filename'
        ? ({
            ...parts.request,
            filename: '',
            ...(spec.tail === 'base64' ? { data: '' } : {}),
          } as Request)
        : undefined;
  return {
    step,
    wire: `${bare} \r\n`,
    display: escapeControls(shown),
    expect: {
      kind: 'error',
      code: 'MISSING_PARAMS',
      missing,
      ...(acceptedAs !== undefined ? { acceptedAs } : {}),
    },
    command: parts.request.command,
    formTolerance: undefined,
    session,
    payload: undefined,
  };
}

/**
 * What a line of the first `keep` words lacks. Every such line ends in the course client's
 * space before CRLF, so when the filename is the first word left out, a server splitting on
 * single spaces reads an empty filename there.
 */
function missingPart(
  request: Request,
  spelling: Dialect['spec']['commands'][CommandName],
  keep: number,
  required: number,
): MissingPart {
  const spec = COMMANDS[request.command];
  if (spec.tail === 'text' && keep === required - 1) return 'text';
  if (spelling !== 'unsupported' && 'filename' in request) {
    const at = spelling.request.trim().split(/\s+/).indexOf('{filename}');
    if (at >= 0 && keep === at) return 'empty-filename';
  }
  return 'param';
}

export function resolveStep(
  step: Step,
  view: SessionView,
  world: FuzzWorld,
  dialect: Dialect,
): Resolved {
  const op = step.op;
  if (op.cmd === 'MISSING_PARAMS' || op.cmd === 'UNKNOWN') {
    return resolveMalformed(step, op, view, world, dialect);
  }
  const parts = partsOf(op, view, world);
  const bare = spell(dialect.formatRequest(parts.request, BARE), parts.request, step.form);
  const shown = spell(dialect.formatRequest(parts.shown, BARE), parts.shown, step.form);
  return {
    step,
    wire: bare + lineEnd(step.form),
    display: escapeControls(shown) + (END_NOTE[step.form] ?? ''),
    expect: { kind: 'request', request: parts.request },
    command: parts.request.command,
    formTolerance: FORM_TOLERANCE[step.form],
    session: parts.session,
    payload: parts.payload,
  };
}
