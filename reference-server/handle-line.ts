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

export interface LineContext {
  readonly state: ChatState;
  readonly transition: TransitionContext;
  readonly defects: DefectPipeline;
}

export type LineResponse =
  | { readonly kind: 'reply'; readonly bytes: Buffer; readonly thenClose: boolean }
  | { readonly kind: 'close' }
  | { readonly kind: 'hang' };

export function handleLine(line: string, ctx: LineContext): LineResponse {
  const { state, defects } = ctx;
  const hookCtx = { state };
  const parsed = defects.parse(parseRequestLine(line), line, hookCtx);
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
    bytes: defects.encode(defects.reply(reply, parsed, hookCtx)),
    thenClose: disposition === 'reply-and-close',
  };
}
