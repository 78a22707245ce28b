/** Defects in how a reply is put on the wire: the terminator, or the JSON itself. */
import { REPLY_TERMINATOR } from '../../specs/index.js';
import { defectFamily, type Defect, type WireReply } from './defect.js';

/** What Python's str(dict) prints: single quotes, True/False/None. Not JSON. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}

function encodeWith(prefix: string, serialize: (reply: WireReply) => string, terminator: string) {
  return (reply: WireReply): string => prefix + serialize(reply) + terminator;
}

export const REPLY_FRAMING_DEFECTS: readonly Defect[] = defectFamily('reply-framing', [
  {
    name: 'reply-crlf-only',
    description: 'ends each reply with a single \\r\\n instead of \\r\\n\\r\\n',
    breaks: ['FRAME-1'],
    hooks: () => ({ encode: encodeWith('', JSON.stringify, '\r\n') }),
  },
  {
    name: 'reply-no-terminator',
    description: 'sends the JSON with no terminator at all',
    breaks: ['FRAME-1'],
    hooks: () => ({ encode: encodeWith('', JSON.stringify, '') }),
  },
  {
    name: 'reply-text-before-json',
    description: 'sends its log text "balas ke client: " before the JSON',
    breaks: ['FRAME-1', 'FRAME-2'],
    hooks: () => ({ encode: encodeWith('balas ke client: ', JSON.stringify, REPLY_TERMINATOR) }),
  },
  {
    name: 'utf8-replies',
    description:
      'writes replies with JSON.stringify ({"status":"OK"}: no spaces, non-ASCII as raw UTF-8) instead of json.dumps; valid JSON, allowed, though the course\'s clients break on a character split between two reads',
    breaks: [],
    allowed: true,
    hooks: () => ({ encode: encodeWith('', JSON.stringify, REPLY_TERMINATOR) }),
  },
  {
    name: 'reply-not-json',
    description: "sends Python's str(dict) ({'status': 'OK'}) instead of JSON",
    breaks: ['FRAME-2'],
    hooks: () => ({ encode: encodeWith('', pythonRepr, REPLY_TERMINATOR) }),
  },
]);
