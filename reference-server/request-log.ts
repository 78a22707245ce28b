/**
 * Request log lines. A request is logged by command and params, with its secrets masked by
 * the one policy (specs/secrets) before it is read: the password at the dialect's place, and
 * the fixture's passwords wherever they appear.
 */
import {
  COMMANDS,
  Secrets,
  parseRequestLine,
  type Dialect,
  type Fixture,
  type ParseResult,
} from '../specs/index.js';

/** Longest param shown; file data is summarised by its length. */
const MAX_SHOWN = 64;

/** How the server describes a request line in its log, for its dialect and fixture. */
export function requestDescriber(
  dialect: Dialect | undefined,
  fixture: Fixture,
): (line: string) => string {
  const secrets = new Secrets({ ...(dialect ? { dialect } : {}), fixture });
  const parse = (line: string): ParseResult => {
    if (dialect === undefined) return parseRequestLine(line);
    const read = dialect.parseRequest(line);
    return read.ok ? { ok: true, request: read.request } : read;
  };
  return (line) => describeParsed(parse(secrets.maskLines(line)));
}

function describeParsed(parsed: ParseResult): string {
  if (!parsed.ok) {
    const verb = parsed.error === 'UNKNOWN_COMMAND' ? parsed.verb : COMMANDS[parsed.command].wire;
    return `${parsed.error.toLowerCase()} ${JSON.stringify(verb.slice(0, MAX_SHOWN))}`;
  }
  const spec = COMMANDS[parsed.request.command];
  const fields = parsed.request as unknown as Record<string, string>;
  const shown = [...spec.params, ...(spec.tailParam ? [spec.tailParam] : [])].map((name) => {
    const value = fields[name] ?? '';
    if (name === 'data') return `data=<${value.length} base64 chars>`;
    return `${name}=${value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value}`;
  });
  return `${spec.wire} ${shown.join(' ')}`;
}
