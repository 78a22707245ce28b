/**
 * One request line through the stages: parse -> model -> reply object -> encode, each
 * bent by the server's defects (the identity for the correct server).
 */
import {
  applyRequest,
  errorReply,
  parseRequestLine,
  type ChatState,
  type Reply,
  type TransitionContext,
} from '../specs/index.js';
import type { DefectPipeline } from './defects/index.js';
import type { ServerDialect } from './dialect.js';

export interface LineContext {
  readonly state: ChatState;
  readonly transition: TransitionContext;
  readonly defects: DefectPipeline;
  /** The dialect spoken; absent for the canonical one (read and written by specs/codec). */
  readonly dialect?: ServerDialect;
}

export type LineResponse =
  | { readonly kind: 'reply'; readonly text: string; readonly thenClose: boolean }
  | { readonly kind: 'close' }
  | { readonly kind: 'hang' };

export function handleLine(line: string, ctx: LineContext): LineResponse {
  const { state, defects } = ctx;
  // The line's own context is the hooks' context too (it holds the state): nothing is made
  // per line for it.
  const hookCtx = ctx;
  const dialect = ctx.dialect;
  // Making, joining or reading a group's own inbox: requests the document has no command for.
  const groupReply = dialect?.groupAction(line, state);
  if (groupReply !== undefined) {
    return { kind: 'reply', text: defects.encode(groupReply), thenClose: false };
  }
  const read = dialect === undefined ? parseRequestLine(line) : dialect.parse(line, state);
  const parsed = defects.parse(read, line, hookCtx);
  const reply: Reply = parsed.ok
    ? defects.apply(
        parsed.request,
        (request) => applyRequest(state, request, ctx.transition),
        hookCtx,
      )
    : errorReply(parsed.error);
  const disposition = defects.dispose(reply, parsed);
  if (disposition === 'close' || disposition === 'hang') return { kind: disposition };
  return {
    kind: 'reply',
    text: defects.encode(
      dialect === undefined
        ? defects.reply(reply, parsed, hookCtx)
        : dialect.render(defects.reply(reply, parsed, hookCtx), parsed, state),
    ),
    thenClose: disposition === 'reply-and-close',
  };
}
