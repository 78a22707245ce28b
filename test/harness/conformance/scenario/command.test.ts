import { describe, expect, it } from 'vitest';
import { loadBuiltinScenarios, parseScenarioText } from '../../../../harness/index.js';
import { commandUnderTest } from '../../../../harness/conformance/scenario/command.js';

describe('commandUnderTest', () => {
  it("is the group's command for a command group", async () => {
    const scenarios = await loadBuiltinScenarios();
    const upload = scenarios.find((s) => s.id.startsWith('send_file/'))!;
    expect(commandUnderTest(upload)).toBe('SEND_FILE');
  });

  it('is the first checked command of a framing scenario, skipping its preparation', () => {
    const [scenario] = parseScenarioText(
      `
version: 1
group: FRAMING
scenarios:
  - id: custom/split-inbox
    title: inbox in two pieces
    requirements: [FRAME-5]
    roles: { a: user }
    steps:
      - login: a
      - request: { command: INBOX }
        as: a
        pieces: { chunkBytes: 3, delayMs: 0 }
        expect: { status: OK }
`,
      'split.yaml',
    );
    expect(commandUnderTest(scenario!)).toBe('INBOX');
  });

  it('is null for raw bytes only', async () => {
    const scenarios = await loadBuiltinScenarios();
    const rawOnly = scenarios.filter((s) => s.steps.every((step) => step.kind === 'raw'));
    for (const s of rawOnly) expect(commandUnderTest(s)).toBeNull();
  });
});
