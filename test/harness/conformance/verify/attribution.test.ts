import { describe, expect, it } from 'vitest';
import {
  attribute,
  requirementsJudged,
  rollUp,
} from '../../../../harness/conformance/verify/attribution.js';

describe('attribute', () => {
  it('a text miss judges the text rules only; a framing miss judges every requirement', () => {
    expect(attribute(['FRAME-1', 'PROTO-1'], [{ verdict: 'NON-STRICT', judges: 'text' }])).toEqual({
      'FRAME-1': 'PASS',
      'PROTO-1': 'NON-STRICT',
    });
    expect(attribute(['FRAME-1', 'PROTO-1'], [{ verdict: 'FAIL' }])).toEqual({
      'FRAME-1': 'FAIL',
      'PROTO-1': 'FAIL',
    });
  });

  it('a text miss in a scenario naming no text rule goes to PROTO-3', () => {
    expect(requirementsJudged(['SEND-2'], 'text')).toEqual(['PROTO-3']);
    expect(attribute(['SEND-2'], [{ verdict: 'NON-STRICT', judges: 'text' }])).toEqual({
      'SEND-2': 'PASS',
      'PROTO-3': 'NON-STRICT',
    });
  });
});

describe('rollUp', () => {
  it('the checks that ran decide; the commands they ran on are named', () => {
    expect(
      rollUp([
        { verdict: 'PASS', command: 'SEND', counts: true },
        { verdict: 'UNIMPLEMENTED', command: 'SEND_FILE', counts: true },
        { verdict: 'INFORMATIONAL', command: 'MY_FILE', counts: false },
      ]),
    ).toEqual({
      verdict: 'PASS',
      judgedOn: { commands: ['SEND'], of: ['SEND', 'SEND_FILE', 'MY_FILE'] },
    });
  });

  it('UNIMPLEMENTED only when nothing else ran; UNTESTED when nothing counted', () => {
    expect(rollUp([{ verdict: 'UNIMPLEMENTED', command: 'SEND_FILE', counts: true }])).toEqual({
      verdict: 'UNIMPLEMENTED',
    });
    expect(rollUp([{ verdict: 'INFORMATIONAL', command: 'SEND', counts: false }])).toEqual({
      verdict: 'UNTESTED',
    });
  });

  it('a FAIL on one command outranks a PASS on another, and all commands judged says nothing', () => {
    expect(
      rollUp([
        { verdict: 'PASS', command: 'SEND', counts: true },
        { verdict: 'FAIL', command: 'INBOX', counts: true },
      ]),
    ).toEqual({ verdict: 'FAIL' });
  });
});
