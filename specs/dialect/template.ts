/**
 * Request templates (`send_group {group} {session} {text}`): compiled once, then used both
 * ways: to spell a canonical request as a line, and (for the reference server) to read a
 * line back into a canonical request. Reading is as lenient as parseRequestLine: runs of
 * blanks between words, upper-case verbs, a trailing space before the line end.
 */
import { COMMANDS, type CommandName, type ParamName } from '../commands.js';
import { skipBlanks, tokenEnd } from '../codec/request-line.js';

export type Placeholder = ParamName | 'members';

export const PLACEHOLDERS: readonly Placeholder[] = Object.freeze([
  'username',
  'password',
  'session',
  'to',
  'peer',
  'group',
  'members',
  'text',
  'filename',
  'data',
]);

export type TemplatePart =
  | { readonly kind: 'literal'; readonly word: string }
  | { readonly kind: 'param'; readonly name: Placeholder };

export interface CompiledTemplate {
  readonly command: CommandName;
  /** The verb as written (what a client sends). */
  readonly verb: string;
  /** Everything after the verb. */
  readonly parts: readonly TemplatePart[];
}

/** The words of a template and its placeholders, or why it cannot be read at all. */
function readTemplate(
  template: string,
): { readonly verb: string; readonly seen: ReadonlySet<string> } | string {
  const words = template.trim().split(/\s+/);
  if (words.length === 0 || words[0] === '') return 'the template is empty';
  const [verb, ...rest] = words as [string, ...string[]];
  if (verb.includes('{')) return `the template must start with the verb, not ${verb}`;
  const seen = new Set<string>();
  for (const [i, word] of rest.entries()) {
    const m = /^\{([a-z]+)\}$/.exec(word);
    if (m === null) {
      if (word.includes('{') || word.includes('}')) return `"${word}" is not a placeholder`;
      continue;
    }
    const name = m[1]!;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      return `unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`;
    }
    if (seen.has(name)) return `{${name}} appears twice`;
    seen.add(name);
    if (name === 'text' && i !== rest.length - 1)
      return '{text} takes the rest of the line, so it must come last';
  }
  return { verb, seen };
}

/** Why a template is not usable for its command, or undefined when it is. */
export function templateProblem(command: CommandName, template: string): string | undefined {
  const read = readTemplate(template);
  if (typeof read === 'string') return read;
  const { seen } = read;
  const spec = COMMANDS[command];
  const wanted: string[] = [...spec.params, ...(spec.tailParam ? [spec.tailParam] : [])];
  for (const param of wanted) {
    if (seen.has(param)) continue;
    // A group may be named by its members' list; one flat file store needs no peer.
    if (param === 'group' && seen.has('members')) continue;
    if (param === 'peer' && command === 'DOWNLOAD_FILE') continue;
    return `${command} needs {${param}}`;
  }
  for (const name of seen) {
    const allowed = name === 'members' ? wanted.includes('group') : wanted.includes(name);
    if (!allowed) return `${command} has no {${name}}`;
  }
  if (seen.has('members') && seen.has('group')) return 'use {group} or {members}, not both';
  return undefined;
}

/**
 * A request of a group's life that the document has no command for: making a group,
 * joining it, reading its separate inbox (GroupsSpec).
 */
export type GroupAction = 'create' | 'join' | 'inbox';

export const GROUP_ACTIONS: readonly GroupAction[] = Object.freeze(['create', 'join', 'inbox']);

/** The values a group action's line is made of; `password` only where the server asks. */
export interface GroupActionValues {
  readonly session: string;
  readonly group: string;
  readonly password?: string;
}

/** Why a group action's template is not usable, or undefined when it is. */
export function groupTemplateProblem(action: GroupAction, template: string): string | undefined {
  const read = readTemplate(template);
  if (typeof read === 'string') return read;
  for (const needed of ['session', 'group']) {
    if (!read.seen.has(needed)) return `${action} needs {${needed}}`;
  }
  const allowed = action === 'inbox' ? ['session', 'group'] : ['session', 'group', 'password'];
  for (const name of read.seen) {
    if (!allowed.includes(name)) return `${action} has no {${name}}`;
  }
  return undefined;
}

/** The words of a group action's line, in template order (checked with groupTemplateProblem). */
export function fillGroupTemplate(template: string, values: GroupActionValues): string[] {
  return template
    .trim()
    .split(/\s+/)
    .map((word) => {
      const m = /^\{([a-z]+)\}$/.exec(word);
      if (m === null) return word;
      return values[m[1] as keyof GroupActionValues] ?? '';
    });
}

/** The verb of a template (its first word). */
export function verbOf(template: string): string {
  return template.trim().split(/\s+/)[0] ?? '';
}

/** Compiles a template already checked with templateProblem. */
export function compileTemplate(command: CommandName, template: string): CompiledTemplate {
  const problem = templateProblem(command, template);
  if (problem !== undefined) throw new Error(`${command}: ${problem}`);
  const [verb, ...rest] = template.trim().split(/\s+/) as [string, ...string[]];
  const parts: TemplatePart[] = rest.map((word) => {
    const m = /^\{([a-z]+)\}$/.exec(word);
    return m === null ? { kind: 'literal', word } : { kind: 'param', name: m[1] as Placeholder };
  });
  return Object.freeze({ command, verb, parts: Object.freeze(parts) });
}

/**
 * The words of a request line, in template order. A tail param ({text}, {data}) with an
 * empty value is left out, as the course client leaves out an empty file's data.
 */
export function fillTemplate(
  template: CompiledTemplate,
  value: (name: Placeholder) => string | undefined,
): string[] {
  const words: string[] = [template.verb];
  for (const part of template.parts) {
    if (part.kind === 'literal') {
      words.push(part.word);
      continue;
    }
    const v = value(part.name) ?? '';
    if ((part.name === 'text' || part.name === 'data') && v.length === 0) continue;
    words.push(v);
  }
  return words;
}

/** The first word of a line and where it ends. */
export function readVerb(line: string): { readonly verb: string; readonly end: number } {
  const start = skipBlanks(line, 0);
  const end = tokenEnd(line, start);
  return { verb: line.slice(start, end), end };
}

/**
 * Reads the params after the verb (`from` is where the verb ended): a record of placeholder
 * values, or undefined when a required one is missing (MISSING_PARAMS). Extra words after the
 * last param are ignored, as the original servers ignore them.
 */
export function readParams(
  template: CompiledTemplate,
  line: string,
  from: number,
): Partial<Record<Placeholder, string>> | undefined {
  const out: Partial<Record<Placeholder, string>> = {};
  let pos = from;
  for (const part of template.parts) {
    if (part.kind === 'param' && part.name === 'text') {
      const text = line.slice(pos).trim();
      if (text.length === 0) return undefined;
      out.text = text;
      pos = line.length;
      continue;
    }
    const start = skipBlanks(line, pos);
    const end = tokenEnd(line, start);
    const word = line.slice(start, end);
    pos = end;
    if (part.kind === 'literal') {
      if (word.toLowerCase() !== part.word.toLowerCase()) return undefined;
      continue;
    }
    if (part.name === 'data') {
      out.data = word;
      continue;
    }
    if (word.length === 0) return undefined;
    out[part.name] = word;
  }
  return out;
}
