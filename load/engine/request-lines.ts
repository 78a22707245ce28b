/**
 * Request lines for one connection, built through the dialect and cheaply. Most lines of a
 * run repeat (the same inbox request, sends to the same few users differing only in their
 * text), so each shape is formatted by the dialect once and then reused: whole when nothing
 * varies, as a prefix and suffix around the text or data when only that varies. A dialect
 * that does anything to the text other than place it (quote it, encode it) is detected when
 * the shape is first built, and then every line is formatted in full.
 *
 * Messages, the lines a run sends most, find their shape by the target's place in the
 * connection's list of targets (an array index), not by a keyed lookup: at a hundred
 * thousand lines a second the lookups were a measurable share of the generator's time.
 */
import type { Dialect, FixtureUser, Request } from '../../specs/index.js';

/** Stand-ins for the varying part; no request param contains them. */
const PROBE_A = '\u0001';
const PROBE_B = '\u0002';

type Template = { readonly prefix: string; readonly suffix: string } | null;

type MessageRequest = (session: string, target: string, text: string) => Request;
const sendRequest: MessageRequest = (session, to, text) => ({ command: 'SEND', session, to, text });
const sendGroupRequest: MessageRequest = (session, group, text) => ({
  command: 'SEND_GROUP',
  session,
  group,
  text,
});

/** One kind of message: its targets, and this session's shape for each (undefined: not yet). */
interface MessageShapes {
  readonly targets: readonly string[];
  readonly shapes: Array<Template | undefined>;
  readonly request: MessageRequest;
}

function messageShapes(targets: readonly string[], request: MessageRequest): MessageShapes {
  return { targets, shapes: targets.map(() => undefined), request };
}

/** Whom a connection's messages go to, in the order it writes to them. */
export interface MessageTargets {
  readonly personalTargets: readonly string[];
  readonly groupTargets: readonly string[];
}

export class RequestLines {
  readonly #dialect: Dialect;
  readonly #fixed = new Map<string, string>();
  readonly #personal: MessageShapes;
  readonly #group: MessageShapes;
  /**
   * File lines' templates by shape (with the filename), then by target: rarer and larger
   * lines, for which a keyed lookup costs nothing that shows.
   */
  readonly #templates = new Map<string, Map<string, Template>>();
  #session: string | undefined;

  constructor(dialect: Dialect, targets: MessageTargets) {
    this.#dialect = dialect;
    this.#personal = messageShapes(targets.personalTargets, sendRequest);
    this.#group = messageShapes(targets.groupTargets, sendGroupRequest);
  }

  /** A new session: lines of the old one are forgotten. */
  #forSession(session: string): void {
    if (session === this.#session) return;
    this.#session = session;
    this.#fixed.clear();
    this.#templates.clear();
    this.#personal.shapes.fill(undefined);
    this.#group.shapes.fill(undefined);
  }

  auth(user: FixtureUser): string {
    return this.#dialect.formatRequest({
      command: 'AUTH',
      username: user.username,
      password: user.password,
    });
  }

  inbox(session: string): string {
    return this.#fixedLine('inbox', session, () => ({ command: 'INBOX', session }));
  }

  myFile(session: string): string {
    return this.#fixedLine('my_file', session, () => ({ command: 'MY_FILE', session }));
  }

  downloadFile(session: string, peer: string, filename: string): string {
    return this.#fixedLine(`download_file\u0000${peer}\u0000${filename}`, session, () => ({
      command: 'DOWNLOAD_FILE',
      session,
      peer,
      filename,
    }));
  }

  /** A message to personal target `toIndex` (its place in the connection's list). */
  send(session: string, toIndex: number, text: string): string {
    return this.#message(this.#personal, toIndex, session, text);
  }

  /** A message to group target `groupIndex` (its place in the connection's list). */
  sendGroup(session: string, groupIndex: number, text: string): string {
    return this.#message(this.#group, groupIndex, session, text);
  }

  #message(kind: MessageShapes, index: number, session: string, text: string): string {
    const { shapes, targets, request } = kind;
    this.#forSession(session);
    let shape = shapes[index];
    if (shape === undefined) {
      const target = targets[index]!;
      shape = this.#template((t) => request(session, target, t));
      shapes[index] = shape;
    }
    return shape === null
      ? this.#dialect.formatRequest(request(session, targets[index]!, text))
      : shape.prefix + text + shape.suffix;
  }

  sendFile(session: string, to: string, filename: string, data: string): string {
    return this.#varying(`send_file\u0000${filename}`, to, session, data, (d) => ({
      command: 'SEND_FILE',
      session,
      to,
      filename,
      data: d,
    }));
  }

  sendGroupFile(session: string, group: string, filename: string, data: string): string {
    return this.#varying(`send_group_file\u0000${filename}`, group, session, data, (d) => ({
      command: 'SEND_GROUP_FILE',
      session,
      group,
      filename,
      data: d,
    }));
  }

  #fixedLine(key: string, session: string, request: () => Request): string {
    this.#forSession(session);
    let line = this.#fixed.get(key);
    if (line === undefined) {
      line = this.#dialect.formatRequest(request());
      this.#fixed.set(key, line);
    }
    return line;
  }

  #varying(
    shape: string,
    target: string,
    session: string,
    value: string,
    request: (v: string) => Request,
  ): string {
    this.#forSession(session);
    let byTarget = this.#templates.get(shape);
    if (byTarget === undefined) this.#templates.set(shape, (byTarget = new Map()));
    let template = byTarget.get(target);
    if (template === undefined) {
      template = this.#template(request);
      byTarget.set(target, template);
    }
    return template === null
      ? this.#dialect.formatRequest(request(value))
      : template.prefix + value + template.suffix;
  }

  #template(request: (v: string) => Request): Template {
    const a = this.#dialect.formatRequest(request(PROBE_A));
    const at = a.indexOf(PROBE_A);
    if (at === -1 || a.indexOf(PROBE_A, at + 1) !== -1) return null;
    const prefix = a.slice(0, at);
    const suffix = a.slice(at + 1);
    // The value must land in the same place whatever it is.
    const b = this.#dialect.formatRequest(request(PROBE_B));
    return b === prefix + PROBE_B + suffix ? { prefix, suffix } : null;
  }
}
