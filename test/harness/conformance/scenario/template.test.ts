import { describe, expect, it } from 'vitest';
import {
  TemplateError,
  fillTemplate,
  flipLast,
  parseTemplate,
  templateNames,
} from '../../../../harness/conformance/scenario/template.js';

describe('templates', () => {
  const values: Record<string, string> = { a: 'messi', 'a.token': 'abc-123', tag: 'r1-0001' };
  const lookup = (name: string): string | undefined => values[name];

  it('fill names, fields and literal dollars', () => {
    expect(fillTemplate('send ${a.token} ${a} hi ${tag} costs $$5', lookup)).toBe(
      'send abc-123 messi hi r1-0001 costs $5',
    );
    expect(templateNames('${a} and ${a.token|flip}')).toEqual(['a', 'a.token']);
  });

  it('flip changes only the last character, and always changes it', () => {
    expect(fillTemplate('${a.token|flip}', lookup)).toBe('abc-120');
    for (const v of ['x0', 'x1', 'xa', 'xz', '']) expect(flipLast(v)).not.toBe(v);
    expect(flipLast('abc0').slice(0, 3)).toBe('abc');
  });

  it('refuse malformed placeholders and values that are not there', () => {
    expect(() => parseTemplate('${a')).toThrow(TemplateError);
    expect(() => parseTemplate('${A}')).toThrow(/is not a name/);
    expect(() => fillTemplate('${b}', lookup)).toThrow(/\$\{b\} has no value at this step/);
  });
});
