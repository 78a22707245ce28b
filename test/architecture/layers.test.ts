import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../specs/package-root.js';

const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-properties']);

function linter(): ESLint {
  return new ESLint({
    cwd: packageRoot(),
    ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  });
}

/** The layer rules' messages for `code` as if it were the file at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await linter().lintText(code, { filePath: `${packageRoot()}/${filePath}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['reports/x.ts', `import { LoadRun } from '../load/index.js';\nexport const x = LoadRun;\n`],
    ['reports/html/x.ts', `export { runFuzz } from '../../harness/fuzz/index.js';\n`],
    [
      'results/load/x.ts',
      `import type { LoadOptions } from '../../load/options.js';\nexport type X = LoadOptions;\n`,
    ],
    [
      'net/x.ts',
      `import { SEED_FIXTURE } from '../specs/index.js';\nexport const x = SEED_FIXTURE;\n`,
    ],
    ['specs/x.ts', `import { tcpDialer } from '../net/dialer.js';\nexport const x = tcpDialer;\n`],
    [
      'harness/conformance/run/x.ts',
      `import { startServer } from '../../../reference-server/index.js';\nexport const x = startServer;\n`,
    ],
    [
      'load/x.ts',
      `import type { RunResult } from '../reports/index.js';\nexport type X = RunResult;\n`,
    ],
    [
      'reference-server/x.ts',
      `import { runFuzz } from '../harness/index.js';\nexport const x = runFuzz;\n`,
    ],
    [
      'client/x.ts',
      `import { ChatConnection } from '../harness/client/connection.js';\nexport const x = ChatConnection;\n`,
    ],
    [
      'target/x.ts',
      `import { startServer } from '../reference-server/server.js';\nexport const x = startServer;\n`,
    ],
    ['reports/x.ts', `import { x } from '../../outside.js';\nexport const y = x;\n`],
  ])('flags %s importing across the layers: %s', async (file, code) => {
    const found = await violations(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: .* may import only /);
  });

  it.each([
    [
      'reports/html/x.ts',
      `import { renderJson } from '../json.js';\nimport { RAW_FORMAT } from '../../results/index.js';\nexport const x = [renderJson, RAW_FORMAT];\n`,
    ],
    [
      'reports/load/x.ts',
      `import { renderLoadReport } from '../load/index.js';\nexport const x = renderLoadReport;\n`,
    ],
    [
      'client/bridge/x.ts',
      `import { ChatConnection } from '../../harness/index.js';\nexport const x = ChatConnection;\n`,
    ],
    [
      'cli/x.ts',
      `import { ChatConnection } from '../harness/client/connection.js';\nexport const x = ChatConnection;\n`,
    ],
  ])('lets %s import what its layer allows', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });

  it('keeps process.exit, process.stdout and process.stderr to cli/', async () => {
    const code = `export function f(): void {\n  process.stdout.write('x');\n  process.stderr.write('y');\n  process.exit(1);\n}\n`;
    const found = await violations('load/x.ts', code);
    expect(found).toHaveLength(3);
    for (const line of found) expect(line).toMatch(/^no-restricted-properties: .*only cli\//);
    expect(await violations('cli/x.ts', code)).toEqual([]);
  });

  it('finds no violation in the tree', async () => {
    const results = await linter().lintFiles(['.']);
    const found = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line}: ${m.ruleId ?? 'fatal'}: ${m.message}`),
    );
    expect(found).toEqual([]);
  }, 120_000);
});
