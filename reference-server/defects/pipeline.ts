/**
 * The selected defects folded into one pipeline with every stage filled in. With none
 * selected each stage is the identity (the clean server). Stages that wrap compose in the
 * order given; a stage that replaces (the line splitter, the encoder) can come from one
 * defect only, since two replacements cannot both happen.
 */
import {
  LineDecoder,
  encodeReplyText,
  type ParseResult,
  type Reply,
  type Request,
} from '../../specs/index.js';
import type { Disposition, HookContext, LineSplitter, ServerHooks, WireReply } from './defect.js';
import type { SelectedDefect } from './registry.js';

export interface DefectPipeline {
  /** The selected defects' names, in order (empty for the clean server). */
  readonly names: readonly string[];
  createSplitter(maxLineBytes: number): LineSplitter;
  parse(parsed: ParseResult, line: string, ctx: HookContext): ParseResult;
  apply(request: Request, model: (request: Request) => Reply, ctx: HookContext): Reply;
  newToken(random: () => string): () => string;
  reply(reply: WireReply, parsed: ParseResult, ctx: HookContext): WireReply;
  dispose(reply: Reply, parsed: ParseResult): Disposition;
  /** A reply's text, terminator included, written in `replyEncoding`. */
  encode(reply: WireReply): string;
  /**
   * 'latin1' for the clean encoder, whose text is ASCII only: the same bytes as UTF-8, copied
   * as they are instead of through UTF-8's encoding pass. 'utf8' for a defect's encoder.
   */
  readonly replyEncoding: 'latin1' | 'utf8';
  /** 0 when replies are written at once. */
  readonly replyDelayMs: number;
  readonly crashAfterRequests: number | undefined;
}

export type PipelineResult =
  | { readonly ok: true; readonly pipeline: DefectPipeline }
  | { readonly ok: false; readonly reason: string };

/** The stages a defect replaces rather than wraps, by what the error message calls them. */
const REPLACED = {
  splitLines: 'line decoder',
  tokenize: 'request parser',
  encode: 'reply encoder',
} as const;
type ReplacingStage = keyof typeof REPLACED;

/** Dispositions from worst to best: when defects disagree, the worse one happens. */
const SEVERITY: readonly Disposition[] = ['hang', 'close', 'reply-and-close', 'reply'];

export function composeDefects(selected: readonly SelectedDefect[]): PipelineResult {
  const named = selected.map((s) => ({ name: s.defect.name, hooks: s.defect.hooks(s.value) }));
  const replacing = (stage: ReplacingStage) => named.filter((n) => n.hooks[stage] !== undefined);
  for (const stage of Object.keys(REPLACED) as ReplacingStage[]) {
    const owners = replacing(stage);
    if (owners.length > 1) {
      return {
        ok: false,
        reason: `defects ${owners.map((o) => o.name).join(' and ')} both replace the ${REPLACED[stage]}; choose one`,
      };
    }
  }
  const hooks: ServerHooks[] = named.map((n) => n.hooks);
  const splitter = hooks.find((h) => h.splitLines)?.splitLines;
  const encoder = hooks.find((h) => h.encode)?.encode;
  const tokenizer = hooks.find((h) => h.tokenize)?.tokenize;
  const delays = hooks.map((h) => h.replyDelayMs ?? 0);
  const crashes = hooks.flatMap((h) =>
    h.crashAfterRequests === undefined ? [] : [h.crashAfterRequests],
  );

  // Each stage's hooks, picked once: a stage no selected defect bends costs nothing per
  // request (the clean server's path is then the model and the encoder only).
  const parsers = hooks.filter((h) => h.parse !== undefined);
  const appliers = hooks.filter((h) => h.apply !== undefined);
  const replies = hooks.filter((h) => h.reply !== undefined);
  const disposers = hooks.filter((h) => h.dispose !== undefined);

  const pipeline: DefectPipeline = {
    names: Object.freeze(named.map((n) => n.name)),
    createSplitter: (max) => (splitter ? splitter(max) : new LineDecoder(max)),
    parse:
      parsers.length === 0 && tokenizer === undefined
        ? (parsed) => parsed
        : (parsed, line, ctx) =>
            parsers.reduce((p, h) => h.parse!(p, line, ctx), tokenizer ? tokenizer(line) : parsed),
    apply:
      appliers.length === 0
        ? (request, model) => model(request)
        : (request, model, ctx) => {
            // The first defect wraps all later ones, which wrap the model.
            const chain = appliers.reduceRight<(r: Request) => Reply>(
              (next, h) => (r) => h.apply!(r, next, ctx),
              model,
            );
            return chain(request);
          },
    newToken: (random) => hooks.reduce((make, h) => (h.newToken ? h.newToken(make) : make), random),
    reply:
      replies.length === 0
        ? (reply) => reply
        : (reply, parsed, ctx) => replies.reduce((r, h) => h.reply!(r, parsed, ctx), reply),
    dispose(reply, parsed) {
      let worst: Disposition = 'reply';
      for (const h of disposers) {
        const d = h.dispose!(reply, parsed);
        if (SEVERITY.indexOf(d) < SEVERITY.indexOf(worst)) worst = d;
      }
      return worst;
    },
    encode: encoder ?? encodeReplyText,
    replyEncoding: encoder === undefined ? 'latin1' : 'utf8',
    replyDelayMs: Math.max(0, ...delays),
    crashAfterRequests: crashes.length > 0 ? Math.min(...crashes) : undefined,
  };
  return { ok: true, pipeline: Object.freeze(pipeline) };
}
