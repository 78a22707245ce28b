import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERDICTS, type ScenarioResult } from '../../results/run.js';
import { junitOutcome, renderJunit } from '../../reports/junit.js';
import { HOSTILE_TEXT, entry, everyVerdict, run, scenario } from './factory.js';
import { childrenNamed, parseXml, type XmlElement } from './xml-reader.js';

/** Characters XML 1.0 forbids anywhere in a document. */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function declared(element: XmlElement): Counts {
  const { tests, failures, errors, skipped } = element.attributes;
  return {
    tests: Number(tests),
    failures: Number(failures),
    errors: Number(errors),
    skipped: Number(skipped),
  };
}

/** Counts from the test cases themselves, to check the attributes against. */
function counted(cases: readonly XmlElement[]): Counts {
  const has = (name: string) => cases.filter((c) => childrenNamed(c, name).length > 0).length;
  return {
    tests: cases.length,
    failures: has('failure'),
    errors: has('error'),
    skipped: has('skipped'),
  };
}

function suitesOf(xml: string): { root: XmlElement; suites: XmlElement[] } {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  return { root, suites: childrenNamed(root, 'testsuite') };
}

function caseNamed(suites: readonly XmlElement[], id: string): XmlElement {
  const found = suites
    .flatMap((suite) => childrenNamed(suite, 'testcase'))
    .find((c) => c.attributes.name!.startsWith(`${id}: `));
  if (!found) throw new Error(`no testcase for ${id}`);
  return found;
}

const hostile = (): ScenarioResult =>
  scenario('auth/hostile', 'FAIL', {
    title: 'title with <&> and ]]> and \u0000',
    reason: `reason ${HOSTILE_TEXT}`,
    actual: HOSTILE_TEXT,
    transcript: [entry('sent', 'auth x y\r\n'), entry('received', HOSTILE_TEXT, 2, 'c<&>')],
  });

describe('renderJunit', () => {
  it('is well-formed XML 1.0 with one suite per group in report order', () => {
    const xml = renderJunit(run([...everyVerdict()].reverse()));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { suites } = suitesOf(xml);
    expect(suites.map((s) => s.attributes.name)).toEqual([
      'chatspec.AUTH',
      'chatspec.SEND',
      'chatspec.SEND_GROUP',
      'chatspec.FRAMING',
      'chatspec.GENERAL',
    ]);
  });

  it('has counts on every suite and on <testsuites> that match its test cases', () => {
    const { root, suites } = suitesOf(renderJunit(run(everyVerdict())));
    const all = suites.flatMap((suite) => childrenNamed(suite, 'testcase'));
    for (const suite of suites) {
      expect(declared(suite)).toEqual(counted(childrenNamed(suite, 'testcase')));
      expect(Number(suite.attributes.time)).toBeGreaterThanOrEqual(0);
    }
    expect(declared(root)).toEqual(counted(all));
    expect(declared(root)).toEqual({ tests: 6, failures: 1, errors: 1, skipped: 1 });
    expect(root.attributes.time).toBe('1.234');
  });

  it('names each case by id and title, classed by group, timed in seconds', () => {
    const { suites } = suitesOf(renderJunit(run(everyVerdict())));
    const login = caseNamed(suites, 'auth/login');
    expect(login.attributes).toEqual({
      name: 'auth/login: title of auth/login',
      classname: 'chatspec.AUTH',
      time: '0.012',
    });
    expect(login.children).toEqual([]);
    expect(caseNamed(suites, 'framing/bare-lf').attributes.classname).toBe('chatspec.FRAMING');
  });

  it('maps FAIL to failure, ERROR to error, UNIMPLEMENTED to skipped, notes to system-out', () => {
    const { suites } = suitesOf(renderJunit(run(everyVerdict())));
    const only = (id: string) => caseNamed(suites, id).children.map((c) => c.name);
    expect(only('auth/wrong-password')).toEqual(['failure']);
    expect(only('general/unknown-command')).toEqual(['error']);
    expect(only('send_group/unimplemented')).toEqual(['skipped', 'system-out']);
    expect(only('send/text')).toEqual(['system-out']);
    expect(only('framing/bare-lf')).toEqual(['system-out']);
    const failure = caseNamed(suites, 'auth/wrong-password').children[0]!;
    expect(failure.attributes).toEqual({
      message: 'FAIL: reason for auth/wrong-password',
      type: 'FAIL',
    });
    expect(failure.text).toContain('reason:   reason for auth/wrong-password (at step 2)');
    expect(failure.text).toContain('expected: expected of auth/wrong-password');
    expect(failure.text).toContain('actual:   actual of auth/wrong-password');
    expect(failure.text).toContain('a ← {"status":"OK","tokenid":"t"}\\r\\n\\r\\n');
    expect(caseNamed(suites, 'send/text').children[0]!.text).toMatch(/^NON-STRICT send\/text/);
  });

  it('under --strict, fails NON-STRICT and UNIMPLEMENTED cases as the exit code does', () => {
    const { root, suites } = suitesOf(renderJunit(run(everyVerdict(), { strict: true })));
    expect(declared(root)).toEqual({ tests: 6, failures: 3, errors: 1, skipped: 0 });
    const unimplemented = caseNamed(suites, 'send_group/unimplemented').children[0]!;
    expect(unimplemented.name).toBe('failure');
    expect(unimplemented.attributes.type).toBe('UNIMPLEMENTED');
    expect(unimplemented.text).toContain('fails the run because it ran with --strict');
    expect(caseNamed(suites, 'framing/bare-lf').children.map((c) => c.name)).toEqual([
      'system-out',
    ]);
  });

  it('maps each verdict by the exit rule', () => {
    const outcomes = VERDICTS.map((v) => [junitOutcome(v, false), junitOutcome(v, true)]);
    expect(Object.fromEntries(VERDICTS.map((v, i) => [v, outcomes[i]]))).toEqual({
      PASS: ['passed', 'passed'],
      INFORMATIONAL: ['noted', 'noted'],
      'NON-STRICT': ['noted', 'failure'],
      UNIMPLEMENTED: ['skipped', 'failure'],
      FAIL: ['failure', 'failure'],
      ERROR: ['error', 'error'],
    });
  });

  it('never shows a scenario that did not run as passed', () => {
    expect(junitOutcome('INFORMATIONAL', false, 'fixture')).toBe('skipped');
    expect(junitOutcome('PASS', false, 'fixture')).toBe('skipped');
    expect(junitOutcome('ERROR', false, 'unreachable')).toBe('error');
    const scenarios = [
      scenario('send_group/roles', 'INFORMATIONAL', {
        group: 'SEND_GROUP',
        notRun: 'fixture',
        reason: 'the fixture has no group with three members',
        expected: undefined,
        actual: undefined,
        transcript: [],
      }),
      scenario('auth/late', 'ERROR', { notRun: 'unreachable', transcript: [] }),
    ];
    const { root, suites } = suitesOf(renderJunit(run(scenarios)));
    expect(declared(root)).toEqual({ tests: 2, failures: 0, errors: 1, skipped: 1 });
    const skipped = caseNamed(suites, 'send_group/roles').children;
    expect(skipped.map((c) => c.name)).toEqual(['skipped', 'system-out']);
    expect(skipped[1]!.text).toContain(
      "not run:  the fixture's users and groups cannot fill its roles",
    );
    expect(skipped[1]!.text).not.toContain('transcript');
  });

  it('stays well-formed and readable with a hostile server transcript', () => {
    const xml = renderJunit(run([...everyVerdict(), hostile()]));
    expect(xml).not.toMatch(XML_FORBIDDEN);
    const { suites } = suitesOf(xml);
    const failure = caseNamed(suites, 'auth/hostile').children[0]!;
    expect(failure.attributes.message!.startsWith('FAIL: reason NUL\\x00 ESC\\x1b[31mred')).toBe(
      true,
    );
    expect(failure.text).toContain('CDATA-end]]> lt< amp& quot"');
    expect(failure.text).toContain('rtl\\u202eevil lone\\ud800 nonchar\\uffff');
    expect(failure.text).toContain('c<&> ← NUL\\x00');
    expect(caseNamed(suites, 'auth/hostile').attributes.name).toBe(
      'auth/hostile: title with <&> and ]]> and \\x00',
    );
    const twoLines = run([scenario('auth/x', 'PASS', { title: 'first\nsecond\u001b[1m' })]);
    expect(caseNamed(suitesOf(renderJunit(twoLines)).suites, 'auth/x').attributes.name).toBe(
      'auth/x: first\\nsecond\\x1b[1m',
    );
  });

  it('bounds the evidence of a chatty server', () => {
    const transcript = Array.from({ length: 500 }, (_, i) =>
      entry('received', `${i}:${'z'.repeat(5000)}`, i),
    );
    const xml = renderJunit(run([scenario('auth/chatty', 'FAIL', { transcript })]));
    expect(xml.length).toBeLessThan(30_000);
    const { suites } = suitesOf(xml);
    expect(caseNamed(suites, 'auth/chatty').children[0]!.text).toContain(
      'transcript, last 20 of 500 entries',
    );
  });

  it('is well-formed for any text in any field', () => {
    const anyText = fc
      .array(
        fc.oneof(
          fc.constantFrom('\u0000', ']]>', '<', '&', '"', '\u001b', '\ud800', '\r\n'),
          fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.constantFrom(...VERDICTS),
        anyText,
        anyText,
        anyText,
        anyText,
        (verdict, id, title, reason, wire) => {
          const s = scenario(`x${id}`, verdict, {
            title,
            reason,
            transcript: [entry('received', wire, 1, id)],
          });
          const { root } = suitesOf(renderJunit(run([s])));
          expect(declared(root).tests).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
