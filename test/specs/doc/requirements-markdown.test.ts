import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS, REQUIREMENT_AREAS } from '../../../specs/index.js';
import {
  areasWithTables,
  renderRequirementTable,
  updateRequirementTables,
} from '../../../specs/doc/requirements-markdown.js';

const protocol = readFileSync(new URL('../../../specs/PROTOCOL.md', import.meta.url), 'utf8');

describe('PROTOCOL.md requirement tables', () => {
  it('are up to date with requirements.ts (run `npm run docs:protocol` after changing a rule)', () => {
    expect(updateRequirementTables(protocol)).toBe(protocol);
  });

  it('have a block for every requirement area, once', () => {
    expect([...areasWithTables(protocol)].sort()).toEqual([...REQUIREMENT_AREAS].sort());
  });

  it('mention every requirement id', () => {
    for (const req of REQUIREMENTS) expect(protocol).toContain(`**${req.id}**`);
  });

  it('escape pipes so a rule cannot break the table', () => {
    const table = renderRequirementTable('PROTO');
    for (const line of table.split('\n').slice(2)) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    }
  });

  it('refuse a block naming an unknown area', () => {
    expect(() =>
      updateRequirementTables('<!-- requirements:NOPE -->\n<!-- /requirements -->'),
    ).toThrow(/unknown requirement area "NOPE"/);
  });
});

describe('requirements.ts', () => {
  it('has unique ids numbered from 1 without gaps within each area', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const area of REQUIREMENT_AREAS) {
      const numbers = ids
        .filter((id) => id.startsWith(`${area}-`))
        .map((id) => Number(id.split('-')[1]));
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });
});
