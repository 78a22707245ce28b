/**
 * The bad-input corpus (test/corpus/bad-input/): one case per file, each with the bytes a
 * client sends, how it sends them, and what the protocol (PROTOCOL.md, §12.1 where the
 * course document is silent) says happens. A case is data, so the same file drives the
 * test suite's run against the reference server and the robustness scenario file that puts
 * any server through it (`npm run corpus:scenarios`).
 *
 *   title: a NUL byte inside the command word makes it no command
 *   requirements: [PROTO-1, FRAME-11]   # ids from specs/requirements.ts
 *   level: SHOULD                       # how a miss is graded where the protocol is silent
 *   send:                               # exactly one of text, base64, generate
 *     text: "au\x00th ${a} ${a.password}\r\n"   # templates: ${a} ${a.password} ${a.token}
 *     encoding: latin1                  #   ${b} … ${g} ${tag} ${uuid} ${x|flip}; utf8 default
 *     # base64: "AP8NCg=="              # raw bytes, no templates
 *     # generate: { before: "…", repeat: "a", times: 104857600, after: "\r\n" }
 *   how: one-write                      # or byte-by-byte, { chunkBytes, delayMs },
 *                                       #    { splitInside: "\r\n", delayMs }
 *   expect:
 *     replies:                          # in order; [] when the line is not finished
 *       - { error: UNKNOWN_COMMAND }    # an ERROR with the documented text
 *       - { ok: MESSAGE_SENT }          # OK with that text; also FILE_SENT, TOKEN, ANY
 *       - { ok: ANY, json: { filename: "x" } }   # plus fields the reply must hold
 *     then: open                        # or closed: the server ends the connection
 *
 * Roles: `a` is a user who is a member of group `g`; `b` is another user who is not.
 */
import { z } from 'zod';
import { isRequirementId, isValidBase64 } from '../../specs/index.js';
import { ERROR_CODES, piecesSchemas } from '../conformance/scenario/schema-fields.js';

/** Bytes of one generated case at most: a 100 MiB line is the corpus's largest. */
export const MAX_GENERATED_BYTES = 1024 * 1024 * 1024;

const text = z.string().max(1024 * 1024, 'must be at most 1 MiB (use generate for more)');

const sendSchema = z.union([
  z.object({ text, encoding: z.enum(['utf8', 'latin1']).optional() }).strict(),
  z
    .object({
      base64: z
        .string()
        .max(1024 * 1024)
        .refine(isValidBase64, 'must be base64'),
    })
    .strict(),
  z
    .object({
      generate: z
        .object({
          before: text.optional(),
          repeat: z.string().min(1).max(1024),
          times: z.int().min(1).max(MAX_GENERATED_BYTES),
          after: text.optional(),
        })
        .strict(),
    })
    .strict(),
]);

// The same pieces as a scenario step's, so a corpus case becomes a scenario unchanged.
const howSchema = z.union([
  z.enum(['one-write', 'byte-by-byte']),
  piecesSchemas.chunkBytes,
  piecesSchemas.splitInside,
]);

const replySchema = z.union([
  z.object({ error: z.enum(ERROR_CODES) }).strict(),
  z
    .object({
      ok: z.enum(['MESSAGE_SENT', 'FILE_SENT', 'TOKEN', 'ANY']),
      json: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    })
    .strict(),
]);

export const corpusCaseSchema = z
  .object({
    title: z.string().min(1).max(300),
    requirements: z
      .array(z.string().refine(isRequirementId, 'is not a requirement id (specs/requirements.ts)'))
      .min(1),
    level: z.enum(['MUST', 'SHOULD', 'MAY']),
    why: z.string().max(1000).optional(),
    send: sendSchema,
    how: howSchema.default('one-write'),
    expect: z
      .object({
        replies: z.array(replySchema).max(1000),
        then: z.enum(['open', 'closed']).default('open'),
      })
      .strict(),
  })
  .strict();

export type CorpusCaseData = z.infer<typeof corpusCaseSchema>;
export type CorpusSend = CorpusCaseData['send'];
export type CorpusHow = CorpusCaseData['how'];
export type CorpusReply = CorpusCaseData['expect']['replies'][number];

/** One case, with its name (the file's, without the extension) and where it came from. */
export interface CorpusCase extends CorpusCaseData {
  readonly name: string;
  readonly source: string;
}
