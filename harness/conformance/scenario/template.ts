/**
 * `${name}` placeholders in scenario texts. A name is a role (`alice`), a role's field
 * (`alice.password`, `alice.token`), a saved value, a payload or a built-in (`run`, `tag`,
 * `uuid`); `${name|flip}` changes the value's last character (a forged copy of a real token);
 * `$$` is a literal `$`. Parsing is separate from filling so that a scenario file's names are
 * checked when it is loaded, not when a run reaches the step.
 */

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly flip: boolean };

export const TEMPLATE_FILTERS = ['flip'] as const;

const REF = /^([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)(\|flip)?$/;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '$' && template[i + 1] === '$') {
      text += '$';
      i += 2;
    } else if (ch === '$' && template[i + 1] === '{') {
      const end = template.indexOf('}', i + 2);
      if (end < 0) throw new TemplateError(`unclosed "\${" at character ${i + 1}`);
      const inner = template.slice(i + 2, end);
      const match = REF.exec(inner);
      if (match === null) {
        throw new TemplateError(
          `"\${${inner}}" is not a name like \${alice}, \${alice.token} or \${t1|flip}`,
        );
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'ref', name: match[1]!, flip: match[2] !== undefined });
      i = end + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** The names a template refers to. */
export function templateNames(template: string): string[] {
  return parseTemplate(template).flatMap((p) => (p.kind === 'ref' ? [p.name] : []));
}

/** A value with its last character changed, so it is surely different but looks the same. */
export function flipLast(value: string): string {
  if (value.length === 0) return 'x';
  const last = value[value.length - 1]!;
  const replacement = last === '0' ? '1' : last === 'a' ? 'b' : /[0-9]/.test(last) ? '0' : 'a';
  return value.slice(0, -1) + replacement;
}

/**
 * Fills a template; `lookup` returns undefined for a name without a value (a token not yet
 * saved), which is the scenario's mistake and reported as such.
 */
export function fillTemplate(
  template: string,
  lookup: (name: string) => string | undefined,
): string {
  if (!template.includes('$')) return template;
  let out = '';
  for (const part of parseTemplate(template)) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = lookup(part.name);
    if (value === undefined) throw new TemplateError(`\${${part.name}} has no value at this step`);
    out += part.flip ? flipLast(value) : value;
  }
  return out;
}
