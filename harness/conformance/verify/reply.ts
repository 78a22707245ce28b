/**
 * Everything one expectation asks of one parsed reply, in a fixed order (status and texts,
 * then token, inbox, files, download, raw fields). It stops at the first check that ends the
 * scenario; text misses are collected and the checks go on.
 */
import type { CommandName, Dialect, JsonObject } from '../../../specs/index.js';
import type { Expect } from '../scenario/types.js';
import type { Check, Grading } from './check.js';
import { verifyDownload } from './download.js';
import type { Payload } from '../../payload.js';
import { verifyFiles } from './files.js';
import { verifyInbox } from './inbox.js';
import { verifyJson } from './json.js';
import { verifyStatus, type UnknownCommandRule } from './status.js';
import { verifyToken, type MisplacedToken } from './token.js';

export interface ReplyContext {
  readonly dialect: Dialect;
  readonly grading: Grading;
  /** The command sent by name; undefined for raw bytes (no UNIMPLEMENTED there). */
  readonly command: CommandName | undefined;
  /** For an inbox request: whose inbox the reply lists (a username, or the session). */
  readonly reader?: string | undefined;
  readonly tag: string;
  readonly fill: (template: string) => string;
  readonly saved: ReadonlyMap<string, string>;
  readonly save: (name: string, value: string) => void;
  /** A payload's bytes and their base64 (harness/payload.ts). */
  readonly payload: (name: string) => Payload;
  /** How a missing command is told (the learned unknown-command reply). */
  readonly unknownCommand?: UnknownCommandRule;
  /** Set where this step reports a token found under another key (the AUTH-1 scenarios). */
  readonly misplacedToken?: MisplacedToken;
}

export function verifyReply(ctx: ReplyContext, reply: JsonObject, expect: Expect): Check[] {
  const checks: Check[] = [];
  const run = (next: () => Check[]): boolean => {
    for (const check of next()) {
      checks.push(check);
      if (check.stop) return false;
    }
    return true;
  };
  const { dialect, grading } = ctx;
  if (!run(() => verifyStatus(dialect, reply, expect, grading, ctx.command, ctx.unknownCommand)))
    return checks;
  // The remaining checks read a success reply's fields; an ERROR that was allowed ends here.
  if (expect.status !== 'OK') {
    return expect.json ? [...checks, ...verifyJson(reply, expect.json, grading)] : checks;
  }
  const { token, inbox, files, download } = expect;
  // An inbox read without checks (a drain) still shows the reader its messages: a dialect
  // whose server never empties the inbox must know they were seen.
  if (!inbox && ctx.reader !== undefined) dialect.readInbox(reply, ctx.reader);
  if (
    token &&
    !run(() => verifyToken(dialect, reply, token, grading, ctx.saved, ctx.save, ctx.misplacedToken))
  )
    return checks;
  if (
    inbox &&
    !run(() =>
      inbox.flatMap((one) =>
        verifyInbox(dialect, reply, one, grading, ctx.fill, ctx.tag, ctx.reader),
      ),
    )
  )
    return checks;
  if (files && !run(() => verifyFiles(dialect, reply, files, grading, ctx.fill))) return checks;
  if (
    download &&
    !run(() =>
      verifyDownload(
        dialect,
        reply,
        ctx.fill(download.filename),
        ctx.payload(download.payload),
        grading,
      ),
    )
  ) {
    return checks;
  }
  if (expect.json) run(() => verifyJson(reply, expect.json!, grading));
  return checks;
}
