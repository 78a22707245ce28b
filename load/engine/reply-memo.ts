/**
 * Parsing replies only as needed: most replies of a run are the very same text ("Message
 * Sent", an empty inbox), so the last reply text of each command is kept with what was read
 * from it (the JSON and its status, read through the dialect) and a repeat costs one string
 * comparison instead of a JSON.parse. Parsed replies are only ever read, never changed, so
 * sharing them is safe.
 */
import { parseReplyJson } from '../../specs/codec/reply-framing.js';
import type { Dialect, JsonObject, ReplyStatus } from '../../specs/index.js';

/** Longer replies are read every time: they rarely repeat, and comparing costs too. */
const MAX_MEMO_CHARS = 512;

export type ReplyRead =
  | { readonly ok: true; readonly json: JsonObject; readonly status: ReplyStatus }
  /** Not a JSON object, or no valid status: a protocol violation. */
  | { readonly ok: false; readonly reason: string };

export class ReplyMemo {
  readonly #dialect: Dialect;
  readonly #texts: Array<string | undefined>;
  readonly #reads: Array<ReplyRead | undefined>;

  constructor(dialect: Dialect, commands: number) {
    this.#dialect = dialect;
    this.#texts = new Array<string | undefined>(commands).fill(undefined);
    this.#reads = new Array<ReplyRead | undefined>(commands).fill(undefined);
  }

  read(command: number, text: string): ReplyRead {
    if (this.#texts[command] === text) return this.#reads[command]!;
    const read = this.#readFresh(text);
    if (text.length <= MAX_MEMO_CHARS) {
      this.#texts[command] = text;
      this.#reads[command] = read;
    }
    return read;
  }

  #readFresh(text: string): ReplyRead {
    const parsed = parseReplyJson(text);
    if (!parsed.ok) return { ok: false, reason: `reply is ${parsed.reason}` };
    const status = this.#dialect.readStatus(parsed.value);
    if (!status.ok) return { ok: false, reason: status.reason };
    return { ok: true, json: parsed.value, status: status.value };
  }
}
