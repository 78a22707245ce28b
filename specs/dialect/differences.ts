/** How a dialect differs from another (canonical by default), one setting per line. */
import { COMMAND_NAMES } from '../commands.js';
import { ERROR_TEXTS, type ErrorCode } from '../errors.js';
import type { DialectSpec } from './spec.js';

function spelled(value: DialectSpec['commands'][keyof DialectSpec['commands']]): string {
  return value === 'unsupported' ? 'unsupported' : value.request;
}

/**
 * `path = value` for every setting of `spec` that `base` does not share, in file order
 * (commands, replies, errors): `commands.AUTH = login {username} {password}`.
 */
export function dialectDifferences(spec: DialectSpec, base: DialectSpec): string[] {
  const out: string[] = [];
  for (const command of COMMAND_NAMES) {
    const a = spelled(spec.commands[command]);
    if (a !== spelled(base.commands[command])) out.push(`commands.${command} = ${a}`);
  }
  const flat = (prefix: string, a: object, b: object): void => {
    for (const [key, value] of Object.entries(a)) {
      const other = (b as Record<string, unknown>)[key];
      if (value !== null && typeof value === 'object') {
        flat(`${prefix}.${key}`, value as object, (other ?? {}) as object);
      } else if (value !== other) out.push(`${prefix}.${key} = ${String(value)}`);
    }
    for (const key of Object.keys(b)) {
      if (!(key in a)) out.push(`${prefix}.${key} = (none)`);
    }
  };
  flat('replies', spec.replies, base.replies);
  for (const code of Object.keys(ERROR_TEXTS) as ErrorCode[]) {
    const a = spec.errors[code] ?? [ERROR_TEXTS[code]];
    const b = base.errors[code] ?? [ERROR_TEXTS[code]];
    if (a.join('\n') !== b.join('\n')) out.push(`errors.${code} = ${a.join(' | ')}`);
  }
  return out;
}
