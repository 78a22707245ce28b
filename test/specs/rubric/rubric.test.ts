import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../../specs/index.js';
import { parseGradingFile } from '../../../specs/rubric/grading.js';
import {
  DEFAULT_RUBRIC_YAML,
  RubricError,
  defaultRubric,
  parseRubric,
} from '../../../specs/rubric/rubric.js';

function errorOf(
  text: string,
  parse: (text: string, source: string) => unknown = parseRubric,
): string {
  try {
    parse(text, 'r.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(RubricError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the file to be refused');
}

describe('rubric', () => {
  it('the default rubric prices every requirement on the wire by level, and is the text printed', () => {
    const rubric = defaultRubric();
    expect(rubric).toEqual(parseRubric(DEFAULT_RUBRIC_YAML, 'x'));
    for (const req of REQUIREMENTS) {
      // What only a launched server's process shows is worth nothing by default.
      const points = req.judgedBy === 'process' ? 0 : { MUST: 2, SHOULD: 1, MAY: 0 }[req.level];
      expect(rubric.points[req.id], req.id).toBe(points);
    }
    expect(rubric.nonStrictCredit).toBe(0.5);
  });

  it('the most specific rule wins: requirement, command and level, command, level', () => {
    const rubric = parseRubric(
      [
        'name: t',
        'points:',
        '  level: { MUST: 2, SHOULD: 1 }',
        '  commands:',
        '    SEND: 3',
        '    all: { MUST: 4 }',
        '    AUTH: { SHOULD: 7 }',
        '  requirements: { SEND-2: 10 }',
      ].join('\n'),
      'r.yaml',
    );
    expect(rubric.points['SEND-2']).toBe(10);
    expect(rubric.rule['SEND-2']).toBe('requirements.SEND-2');
    expect(rubric.points['SEND-1']).toBe(3);
    expect(rubric.points['FRAME-1']).toBe(4); // FRAME counts under all commands
    expect(rubric.points['SESSION-1']).toBe(4);
    expect(rubric.points['FRAME-5']).toBe(1); // a SHOULD: all sets MUST only
    expect(rubric.points['AUTH-5']).toBe(7);
    expect(rubric.points['AUTH-1']).toBe(2);
    expect(rubric.nonStrictCredit).toBe(0);
  });

  it('every error is one line with the file, the line and the setting', () => {
    expect(errorOf('name: t\npoints:\n  level: { MUST: -1 }\n')).toMatch(
      /^r\.yaml:3: points\.level\.MUST: .*>=0/,
    );
    expect(errorOf('name: t\npoints:\n  requirements:\n    SEND-99: 1\n')).toMatch(
      /^r\.yaml:4: points\.requirements\.SEND-99: not a requirement id of the protocol$/,
    );
    expect(errorOf('name: t\npoints:\n  commands: { CHAT: 1 }\n')).toMatch(
      /^r\.yaml:3: points\.commands\.CHAT: /,
    );
    expect(errorOf('name: t\nbonus: 3\npoints: {}\n')).toBe('r.yaml:2: bonus: unknown setting');
    expect(errorOf('name: t\nnonStrictCredit: 2\npoints: { level: { MUST: 1 } }\n')).toMatch(
      /^r\.yaml:2: nonStrictCredit: /,
    );
    expect(errorOf('name: t\npoints: {}\n')).toBe(
      'r.yaml:2: points: every requirement is worth 0 points',
    );
    expect(errorOf('name: [\n')).toMatch(/^r\.yaml:\d+: not valid YAML: /);
    expect(errorOf('- a\n')).toMatch(/^r\.yaml:1: a rubric file is a YAML mapping/);
  });
});

describe('grading file', () => {
  it('pins the rubric, fixture, dialect or probe, timeout and version', () => {
    expect(
      parseGradingFile(
        'chatspec: 0.1.0\nrubric: rubric.yaml\nfixture: users.json\nprobe: true\ntimeoutMs: 4000\n',
        'g.yaml',
      ),
    ).toEqual({
      chatspec: '0.1.0',
      rubric: 'rubric.yaml',
      fixture: 'users.json',
      probe: true,
      timeoutMs: 4000,
    });
  });

  it('refuses what cannot be pinned, on one line', () => {
    expect(errorOf('rubric: r.yaml\n', parseGradingFile)).toBe('r.yaml:1: chatspec: is required');
    expect(errorOf('chatspec: 0.1.0\ntimeoutMs: 5\n', parseGradingFile)).toMatch(
      /^r\.yaml:2: timeoutMs: /,
    );
    expect(errorOf('chatspec: 0.1.0\ndialect: english\nprobe: true\n', parseGradingFile)).toBe(
      'r.yaml:3: probe: dialect and probe: true exclude each other',
    );
  });
});
