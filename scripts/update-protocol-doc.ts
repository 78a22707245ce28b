/** `npm run docs:protocol`: regenerates the requirement tables in specs/PROTOCOL.md. */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { updateRequirementTables } from '../specs/doc/requirements-markdown.js';

const path = fileURLToPath(new URL('../../specs/PROTOCOL.md', import.meta.url));
const before = await readFile(path, 'utf8');
const after = updateRequirementTables(before);
await writeFile(path, after);
process.stdout.write(
  before === after ? 'specs/PROTOCOL.md already up to date\n' : 'specs/PROTOCOL.md updated\n',
);
