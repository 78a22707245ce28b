import { describe, expect, it } from 'vitest';
import {
  REQUIREMENTS,
  REQUIREMENT_AREAS,
  isRequirementId,
  requirementById,
} from '../../specs/index.js';

describe('requirements', () => {
  it('have unique ids of the form AREA-N, numbered from 1 without gaps in each area', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const area of REQUIREMENT_AREAS) {
      const numbers = ids
        .filter((id) => id.startsWith(`${area}-`))
        .map((id) => Number(id.slice(area.length + 1)));
      expect(numbers.length, area).toBeGreaterThan(0);
      expect(numbers, area).toEqual(numbers.map((_, i) => i + 1));
    }
    for (const id of ids)
      expect(id).toMatch(new RegExp(`^(${REQUIREMENT_AREAS.join('|')})-[1-9]\\d*$`));
  });

  it('each say MUST, SHOULD or MAY in the level their text uses, and cite a source', () => {
    for (const req of REQUIREMENTS) {
      expect(['MUST', 'SHOULD', 'MAY'], req.id).toContain(req.level);
      expect(req.source.length, req.id).toBeGreaterThan(0);
      expect(req.text.endsWith('.'), req.id).toBe(true);
      expect(Object.isFrozen(req)).toBe(true);
    }
  });

  it('are found by id', () => {
    expect(requirementById('AUTH-1')?.level).toBe('MUST');
    expect(requirementById('AUTH-99')).toBeUndefined();
    expect(isRequirementId('FRAME-9')).toBe(true);
    expect(isRequirementId('frame-9')).toBe(false);
  });
});
