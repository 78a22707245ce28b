/** Request log lines. A request is logged by command and params, with the password masked. */
import { COMMANDS, parseRequestLine } from '../specs/index.js';

/** Longest param shown; file data is summarised by its length. */
const MAX_SHOWN = 64;

export function describeRequestForLog(line: string): string {
  const parsed = parseRequestLine(line);
  if (!parsed.ok) {
    const verb = parsed.error === 'UNKNOWN_COMMAND' ? parsed.verb : COMMANDS[parsed.command].wire;
    return `${parsed.error.toLowerCase()} ${JSON.stringify(verb.slice(0, MAX_SHOWN))}`;
  }
  const spec = COMMANDS[parsed.request.command];
  const fields = parsed.request as unknown as Record<string, string>;
  const shown = [...spec.params, ...(spec.tailParam ? [spec.tailParam] : [])].map((name) => {
    const value = fields[name] ?? '';
    if (name === 'password') return 'password=***';
    if (name === 'data') return `data=<${value.length} base64 chars>`;
    return `${name}=${value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value}`;
  });
  return `${spec.wire} ${shown.join(' ')}`;
}
