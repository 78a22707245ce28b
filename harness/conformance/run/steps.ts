/**
 * One step at a time: write what the step sends, read what it expects, verify. Each returns
 * the checks it made; the scenario stops at the first check that says stop.
 */
import type { CommandName, ParamName, Request } from '../../../specs/index.js';
import { withGroupInboxes } from './group-inbox.js';
import { isUnknownCommandText, verbOf } from '../../learn/index.js';
import { commandUnderTest } from '../scenario/command.js';
import { describeOutcome, type ChatConnection } from '../../client/connection.js';
import { pause } from '../../client/pause.js';
import type { Expect, FloodStep, Pieces, RawStep, RequestStep } from '../scenario/types.js';
import {
  errorCheck,
  gradingFor,
  miss,
  pass,
  unimplemented,
  unsupported,
  type Check,
  type Grading,
} from '../verify/check.js';
import { verifyOutcome } from '../verify/outcome.js';
import { verifyAsciiReply } from '../verify/ascii.js';
import { verifyReply, type ReplyContext } from '../verify/reply.js';
import type { MisplacedToken } from '../verify/token.js';
import type { ScenarioContext } from './context.js';

/** Stands for an omitted param while the dialect spells the line, then goes with its space. */
const OMITTED = '\u0000omitted\u0000';

async function writeInPieces(
  ctx: ScenarioContext,
  conn: ChatConnection,
  connName: string,
  bytes: Buffer,
  pieces: Pieces | undefined,
): Promise<void> {
  if (pieces === undefined) return conn.write(bytes);
  // The gap follows the server's measured pace (pace.ts); the transcript says which was used.
  const gap = ctx.target.pace?.gap(pieces.delayMs) ?? { gapMs: pieces.delayMs, why: 'as declared' };
  if ('chunkBytes' in pieces) {
    ctx.transcript.record(
      'event',
      connName,
      `pieces of ${pieces.chunkBytes} byte${pieces.chunkBytes === 1 ? '' : 's'}, ${gap.gapMs} ms apart (${gap.why})`,
    );
    return conn.write(bytes, { chunkBytes: pieces.chunkBytes, delayMs: gap.gapMs });
  }
  // Split inside the first occurrence, after its first byte: a multi-byte character cut in two.
  const needle = Buffer.from(pieces.splitInside, 'utf8');
  const at = bytes.indexOf(needle);
  const cut = at < 0 ? Math.floor(bytes.length / 2) : at + 1;
  ctx.transcript.record(
    'event',
    connName,
    `two pieces, cut after byte ${cut} of ${bytes.length}, ${gap.gapMs} ms apart (${gap.why})`,
  );
  await conn.write(bytes.subarray(0, cut));
  await pause(gap.gapMs);
  await conn.write(bytes.subarray(cut));
}

/**
 * Writes within the scenario's budget. A server that stops reading leaves a large write
 * pending forever; the step then goes on to its read, which finds the budget spent and
 * reports the silence, and closing the connection at the scenario's end drops the write.
 */
async function writeWithinBudget(
  ctx: ScenarioContext,
  conn: ChatConnection,
  connName: string,
  bytes: Buffer,
  pieces: Pieces | undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ctx.remainingMs()));
  });
  try {
    const written = await Promise.race([
      writeInPieces(ctx, conn, connName, bytes, pieces).then(() => true),
      budget,
    ]);
    if (!written) {
      ctx.transcript.record(
        'event',
        connName,
        `write of ${bytes.length} bytes not finished within the time budget: the server stopped reading`,
      );
    }
  } finally {
    clearTimeout(timer);
  }
}

export function formatRequest(ctx: ScenarioContext, step: RequestStep, index: number): string {
  const template = step.requests[index]!;
  const fields: Record<string, string> = { command: template.command };
  for (const [param, value] of Object.entries(template.params)) {
    if (value !== undefined) fields[param] = ctx.fill(value);
  }
  for (const param of step.omit) fields[param as ParamName] = OMITTED;
  const line = ctx.target.dialect.formatRequest(fields as unknown as Request, step.style);
  return step.omit.length === 0 ? line : line.split(` ${OMITTED}`).join('').split(OMITTED).join('');
}

/** The token's misplaced key, reported only by a checking step of an AUTH-1 scenario. */
function misplacedToken(ctx: ScenarioContext, setup: boolean): MisplacedToken | undefined {
  const login = ctx.target.knowledge?.login;
  if (setup || login?.kind !== 'token-under-key') return undefined;
  return ctx.scenario.requirements.includes('AUTH-1')
    ? { key: login.key, by: login.by }
    : undefined;
}

/**
 * `endUnlessOk`: a reply other than OK (an ERROR, silence, a close) ends the scenario here,
 * unjudged by this rule: what follows needs the OK, and another rule grades the refusal.
 */
function endedUnlessOk(
  ctx: ScenarioContext,
  outcome: Awaited<ReturnType<ChatConnection['read']>>,
  waitMs: number,
): Check | undefined {
  let what: string | undefined;
  if (outcome.kind !== 'reply' || outcome.json === undefined) {
    what = describeOutcome(outcome, waitMs);
  } else {
    const status = ctx.target.dialect.readStatus(outcome.json);
    if (!status.ok || status.value !== 'OK')
      what = status.ok ? `status ${status.value}` : status.reason;
  }
  if (what === undefined) return undefined;
  return {
    verdict: 'PASS',
    reason: `not carried out (${what}), so nothing further to check`,
    stop: true,
  };
}

function replyContext(
  ctx: ScenarioContext,
  grading: Grading,
  command: CommandName | undefined,
  setup: boolean,
  reader: string | undefined,
): ReplyContext {
  const { knowledge, dialect } = ctx.target;
  const misplaced = misplacedToken(ctx, setup);
  return {
    dialect,
    grading,
    command,
    reader,
    tag: ctx.tag,
    fill: ctx.fill,
    saved: ctx.saved,
    save: (name, value) => ctx.saved.set(name, value),
    payload: (name) => ctx.payload(name),
    unknownCommand: {
      isUnknownCommand: (text, c) => isUnknownCommandText(knowledge, text, verbOf(dialect, c)),
      underTest: commandUnderTest(ctx.scenario),
    },
    ...(misplaced ? { misplacedToken: misplaced } : {}),
  };
}

/** A check on one reply of several: its place in the reason, and the command it answered. */
function labelled(check: Check, label: string, command: CommandName | undefined): Check {
  if (label === '') return check;
  return { ...check, reason: label + check.reason, ...(command !== undefined ? { command } : {}) };
}

async function readAndVerify(
  ctx: ScenarioContext,
  conn: ChatConnection,
  expects: readonly Expect[],
  setup: boolean,
  commandOf: (i: number) => RequestStep['requests'][number]['command'] | undefined,
  readerOf: (i: number) => string | undefined = () => undefined,
  sentOf: (i: number) => CommandName | undefined = commandOf,
  sessionOf: (i: number) => string | undefined = () => undefined,
): Promise<Check[]> {
  const grading = gradingFor(ctx.scenario.level, setup);
  const checks: Check[] = [];
  for (const [i, expect] of expects.entries()) {
    const label = expects.length > 1 ? `reply ${i + 1} of ${expects.length}: ` : '';
    const waitMs = Math.min(ctx.remainingMs(), expect.withinMs ?? Number.POSITIVE_INFINITY);
    const outcome = await conn.read(waitMs);
    // A lone request's reply times the server's round trip (for the gaps between pieces).
    if (expects.length === 1 && outcome.kind === 'reply' && outcome.sinceWriteMs !== undefined)
      ctx.target.pace?.record(outcome.sinceWriteMs);
    if (expect.endUnlessOk) {
      const ended = endedUnlessOk(ctx, outcome, waitMs);
      if (ended !== undefined) return [...checks, { ...ended, reason: label + ended.reason }];
    }
    const got = verifyOutcome(outcome, expect, grading, waitMs);
    if (got.kind === 'settled') {
      // A connection that closed or stayed silent has no further replies to read.
      checks.push(labelled(got.check, label, sentOf(i)));
      return checks;
    }
    const session = expects.length === 1 ? sessionOf(i) : undefined;
    const json =
      session === undefined
        ? got.json
        : await withGroupInboxes(ctx, conn, got.json, session, readerOf(i));
    for (const check of verifyReply(
      replyContext(ctx, grading, commandOf(i), setup, readerOf(i)),
      json,
      expect,
    )) {
      checks.push(label && check.verdict !== 'PASS' ? labelled(check, label, sentOf(i)) : check);
      if (check.stop) return checks;
    }
    if (expect.asciiOnly)
      checks.push(labelled(verifyAsciiReply(got.text, grading), label, sentOf(i)));
    if (expect.noExtraBytes) {
      const extra = conn.pendingReplies > 0 || conn.partialBytes > 0;
      checks.push(
        extra
          ? miss(
              grading,
              'more bytes arrived after the reply',
              'one reply per request line',
              `${conn.pendingReplies} more complete repl${conn.pendingReplies === 1 ? 'y' : 'ies'} and ${conn.partialBytes} bytes of another`,
            )
          : pass('nothing after the reply'),
      );
      if (extra) return checks;
    }
  }
  return checks;
}

export async function runRequestStep(ctx: ScenarioContext, step: RequestStep): Promise<Check[]> {
  const conn = await ctx.connection(step.conn);
  if (typeof conn === 'string') return [errorCheck(conn)];
  // A command the dialect says the server lacks is not sent: the scenario cannot check it.
  const dialect = ctx.target.dialect;
  const lacking = step.requests.find((r) => !dialect.supports(r.command));
  if (lacking !== undefined) {
    const verb = lacking.command.toLowerCase();
    const rule = `${dialect.ruleAt(`commands.${lacking.command}`)}: unsupported`;
    const underTest = commandUnderTest(ctx.scenario);
    return [
      underTest === null || underTest === lacking.command
        ? unimplemented(`the server has no ${verb} (${rule})`, 'not sent')
        : unsupported(
            lacking.command,
            `not checkable: the server has no ${verb} (${rule}), and this scenario needs it`,
            'not sent',
          ),
    ];
  }
  const lines = step.requests.map((_, i) => formatRequest(ctx, step, i));
  await writeWithinBudget(ctx, conn, step.conn, Buffer.from(lines.join(''), 'utf8'), step.pieces);
  // Under test framing, "**Protocol Tidak Benar" most likely means the server misread the
  // bytes, not that it lacks the command: a framing miss, never UNIMPLEMENTED.
  const framing = ctx.scenario.group === 'FRAMING';
  return readAndVerify(
    ctx,
    conn,
    step.expect,
    step.setup,
    (i) => (framing ? undefined : step.requests[i]?.command),
    (i) => {
      // Whose inbox a reply lists: the role's username when the session is a role's token.
      const request = step.requests[i];
      const session = request?.params.session;
      if (request?.command !== 'INBOX' || session === undefined) return undefined;
      const role = /^\$\{(\w+)\.token\}$/.exec(session)?.[1];
      return role === undefined ? ctx.fill(session) : ctx.fill(`\${${role}}`);
    },
    (i) => step.requests[i]?.command,
    (i) => {
      // The session an INBOX was read with, to read the reader's group inboxes with it.
      const request = step.requests[i];
      const session = request?.params.session;
      return request?.command === 'INBOX' && session !== undefined ? ctx.fill(session) : undefined;
    },
  );
}

export async function runRawStep(ctx: ScenarioContext, step: RawStep): Promise<Check[]> {
  const conn = await ctx.connection(step.conn);
  if (typeof conn === 'string') return [errorCheck(conn)];
  await writeWithinBudget(
    ctx,
    conn,
    step.conn,
    Buffer.from(ctx.fill(step.text), step.encoding),
    step.pieces,
  );
  if (step.expect.length === 0) return [pass('written')];
  return readAndVerify(ctx, conn, step.expect, step.setup, () => undefined);
}

/**
 * Sends bytes without a line end until the server reacts (a reply or a close), the count is
 * reached, or the budget runs out. The reaction itself is read by the next step.
 */
export async function runFloodStep(ctx: ScenarioContext, step: FloodStep): Promise<Check[]> {
  const conn = await ctx.connection(step.conn);
  if (typeof conn === 'string') return [errorCheck(conn)];
  const chunk = Buffer.alloc(Math.min(step.chunkBytes, step.bytes), step.fill);
  // One watcher for the whole flood: it settles on a reply, a close, or the end of the budget.
  let settled = false;
  const watch = conn.waitReadable(ctx.remainingMs()).then((reacted) => {
    settled = true;
    return reacted;
  });
  let sent = 0;
  while (sent < step.bytes && !settled) {
    const piece = step.bytes - sent >= chunk.length ? chunk : chunk.subarray(0, step.bytes - sent);
    const written = await Promise.race([
      conn.write(piece, undefined, { record: false }).then(() => true),
      watch.then(() => false),
    ]);
    if (written) sent += piece.length;
  }
  const reacted = await watch;
  const stalled = !reacted && sent < step.bytes;
  const what = `${sent} bytes of ${JSON.stringify(step.fill)} without a line end`;
  ctx.transcript.record(
    'event',
    step.conn,
    `flood: ${what}${reacted ? '; the server reacted' : ''}`,
  );
  if (reacted) return [pass(`the server reacted after ${sent} bytes without a line end`)];
  const grading = gradingFor(ctx.scenario.level, false);
  return [
    miss(
      grading,
      stalled
        ? `only ${sent} of ${step.bytes} bytes went out within the time budget, and the server neither answered nor closed`
        : `no reply and no close after ${sent} bytes without a line end`,
      'an ERROR reply or a closed connection',
      'silence',
    ),
  ];
}
