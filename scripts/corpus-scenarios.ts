/**
 * Writes specs/scenarios/extra/bad-input.yaml from the bad-input corpus
 * (`npm run corpus:scenarios`). A test fails when the committed file drifts from the corpus.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCorpus } from '../harness/corpus/index.js';
import { renderBadInputScenarios } from '../harness/corpus/to-scenarios.js';
import { packageRoot } from '../specs/package-root.js';

const root = packageRoot();
const corpus = loadCorpus(join(root, 'test', 'corpus', 'bad-input'));
const out = join(root, 'specs', 'scenarios', 'extra', 'bad-input.yaml');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderBadInputScenarios(corpus));
process.stdout.write(`${out}: ${corpus.length} scenarios\n`);
