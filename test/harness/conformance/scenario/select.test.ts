import { describe, expect, it } from 'vitest';
import {
  SelectionError,
  selectScenarios,
} from '../../../../harness/conformance/scenario/select.js';
import type { Scenario } from '../../../../harness/conformance/scenario/types.js';

function scenario(
  id: string,
  group: Scenario['group'],
  requirements: Scenario['requirements'],
): Scenario {
  return {
    id,
    title: id,
    group,
    requirements,
    level: 'MUST',
    roles: {},
    payloads: {},
    steps: [],
    source: 'x',
  };
}

const all = [
  scenario('send/ok', 'SEND', ['SEND-1']),
  scenario('send/order', 'SEND', ['SEND-4']),
  scenario('send_file/ok', 'SEND_FILE', ['SENDFILE-1']),
  scenario('inbox/unknown-session', 'INBOX', ['SESSION-1']),
  scenario('framing/bare-lf', 'FRAMING', ['FRAME-6']),
];
const ids = (patterns: string[]): string[] => selectScenarios(all, patterns).map((s) => s.id);

describe('--only', () => {
  it('selects by requirement id, in any case', () => {
    expect(ids(['SEND-4'])).toEqual(['send/order']);
    expect(ids(['session-1'])).toEqual(['inbox/unknown-session']);
  });

  it('selects by requirement area or report group in capitals', () => {
    expect(ids(['SEND'])).toEqual(['send/ok', 'send/order']);
    expect(ids(['SEND_FILE'])).toEqual(['send_file/ok']);
    expect(ids(['FRAME'])).toEqual(['framing/bare-lf']);
  });

  it('selects by id prefix on a segment boundary, and by glob', () => {
    expect(ids(['send'])).toEqual(['send/ok', 'send/order']);
    expect(ids(['send/ok'])).toEqual(['send/ok']);
    expect(ids(['*/ok'])).toEqual(['send/ok', 'send_file/ok']);
    expect(ids(['**session'])).toEqual(['inbox/unknown-session']);
  });

  it('keeps the original order for several patterns and refuses one that selects nothing', () => {
    expect(ids(['framing', 'SEND-1'])).toEqual(['send/ok', 'framing/bare-lf']);
    expect(() => ids(['SEND-99'])).toThrow(SelectionError);
    expect(() => ids(['NOPE'])).toThrow(/not a requirement area/);
    expect(() => ids(['auth/'])).toThrow(/--only auth\/ selects no scenario/);
  });
});
