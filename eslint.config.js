import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layers point one way: specs/ and net/ at the bottom, then results/, then the engines
 * (reference-server/, harness/, load/, with target/ and launch/ beside them), then reports/,
 * client/ and cli/ on top. Each folder names what it may import; anything else of chatspec's is
 * an error. An entry ending in `/` allows the whole folder, one ending in `.js` only that
 * file (an engine's public entry). cli/, bench/, scripts/ and test/ may import anything.
 */
const LAYERS = {
  specs: ['specs/'],
  net: ['net/'],
  results: ['results/', 'specs/', 'net/'],
  'reference-server': ['reference-server/', 'specs/', 'net/', 'results/'],
  harness: ['harness/', 'specs/', 'net/', 'results/'],
  load: ['load/', 'specs/', 'net/', 'results/'],
  target: ['target/', 'launch/', 'specs/', 'net/', 'results/', 'reference-server/index.js'],
  launch: ['launch/', 'specs/', 'net/', 'results/', 'reference-server/index.js'],
  reports: ['reports/', 'specs/', 'net/', 'results/'],
  client: [
    'client/',
    'specs/',
    'net/',
    'results/',
    'target/',
    'harness/index.js',
    'load/index.js',
    'reference-server/index.js',
  ],
};

/** Deeper than any folder of the tree; a file deeper still would be unchecked. */
const MAX_DEPTH = 8;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One config block per depth: a relative import reaches the repository root after as many
 * `../` as the file is deep, so whether `../load/x.js` leaves the folder depends on where the
 * importing file sits. After those `../`, only an allowed folder or file may follow.
 */
function layerBlocks(folder, allowed) {
  const allowedRe = allowed.map((a) => (a.endsWith('/') ? escape(a) : `${escape(a)}$`)).join('|');
  const message = `${folder}/ may import only ${allowed.join(', ')} of chatspec (layers point one way; see eslint.config.js)`;
  return Array.from({ length: MAX_DEPTH }, (_, i) => {
    const depth = i + 1;
    return {
      files: [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ regex: `^(?:\\.\\./){${depth}}(?!${allowedRe})`, message }] },
        ],
      },
    };
  });
}

/**
 * Only the CLI prints and exits: everything below it returns data and takes its streams as
 * parameters. Process entry files that need the process's own streams go here, each with why:
 * - launch/agent.ts is the whole life of its own process (PID 1 of a launched server's
 *   namespace): when chatspec goes away it must end itself, which is what kills the server.
 */
const PROCESS_IO_ALLOWED = ['launch/agent.ts'];
const PROCESS_IO = ['exit', 'stdout', 'stderr'].map((property) => ({
  object: 'process',
  property,
  message: `only cli/ uses process.${property}: take the stream or return the exit code instead`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'chatspec-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  ...Object.entries(LAYERS).flatMap(([folder, allowed]) => layerBlocks(folder, allowed)),
  {
    files: Object.keys(LAYERS).map((folder) => `${folder}/**/*.{ts,tsx}`),
    ignores: PROCESS_IO_ALLOWED,
    rules: { 'no-restricted-properties': ['error', ...PROCESS_IO] },
  },
);
