/**
 * Defects in reading a complete request line into a command and params, modelled on the
 * course's Python servers (`j = data.split(" ")`; see python-tokens.ts).
 */
import { defectFamily, type Defect } from './defect.js';
import { parseLikeTemplate, pyJoinAfterSpaces, pySplit } from './python-tokens.js';

export const PARSING_DEFECTS: readonly Defect[] = defectFamily('parsing', [
  {
    name: 'splits-on-single-spaces',
    description:
      'reads a request as the template does (split on single spaces, strip each token): "send <sid> <user>" sends an empty message, a message keeps its leading space and " \\r\\n", an empty token is an empty param, verbs are case-sensitive',
    // `send <sid> <user>` is accepted (SEND-6); with the client's trailing space a missing
    // filename is an empty one (PROTO-5) and `auth messi ` is "Password Salah" (PROTO-2's text).
    breaks: ['SEND-6', 'PROTO-5'],
    hooks: () => ({ tokenize: parseLikeTemplate }),
  },
  {
    name: 'file-payload-from-tokens',
    description:
      'rebuilds a file payload from tokens 4 to the second-to-last (j[4:-1]), each after a space: the data gains a leading space, and without the space before CRLF it is dropped ("File Sent" anyway)',
    // An OK for a file then stored empty: FRAME-12 (a MUST), not a mere FRAME-7 refusal.
    breaks: ['FRAME-12'],
    hooks: () => ({
      parse: (parsed, line) =>
        parsed.ok &&
        (parsed.request.command === 'SEND_FILE' || parsed.request.command === 'SEND_GROUP_FILE')
          ? {
              ok: true,
              request: { ...parsed.request, data: pyJoinAfterSpaces(pySplit(line).slice(4, -1)) },
            }
          : parsed,
    }),
  },
]);
