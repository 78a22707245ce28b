/**
 * `npm run bench [-- SECTION…]`: runs the benchmark sections and prints their figures.
 * Figures are ratios against a baseline measured in the same run, never absolute promises.
 */
import type { BenchSection } from './section.js';
import { classSection } from './sections/class.js';
import { conformanceSection } from './sections/conformance.js';
import { fuzzSection } from './sections/fuzz.js';
import { launchedSection } from './sections/launched.js';
import { loadEfficiencySection } from './sections/load-efficiency.js';
import { loadKneeSection } from './sections/load-knee.js';
import { loadMemorySection } from './sections/load-memory.js';
import { loadReferenceSection } from './sections/load-reference.js';
import { loadScaleSection } from './sections/load-scale.js';
import { mutationSection } from './sections/mutation.js';
import { probeSection } from './sections/probe.js';
import { replyEncodingSection } from './sections/reply-encoding.js';
import { reportsSection } from './sections/reports.js';
import { serverSection } from './sections/server.js';

// Each issue's benchmarks register here, one import per section.
const SECTIONS: readonly BenchSection[] = [
  conformanceSection,
  serverSection,
  reportsSection,
  loadEfficiencySection,
  loadReferenceSection,
  loadMemorySection,
  loadScaleSection,
  loadKneeSection,
  mutationSection,
  fuzzSection,
  probeSection,
  classSection,
  replyEncodingSection,
  launchedSection,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SECTIONS.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ') || '(none)'}\n`,
  );
  process.exit(2);
}
const selected = wanted.length === 0 ? SECTIONS : SECTIONS.filter((s) => wanted.includes(s.name));
let allMet = true;
for (const section of selected) {
  process.stdout.write(`\n== ${section.name}: ${section.description}\n`);
  const result = await section.run();
  for (const line of result.summary) process.stdout.write(`  ${line}\n`);
  for (const f of result.figures) process.stdout.write(`  ${f.name}: ${f.value} ${f.unit}\n`);
  process.stdout.write(`  aim ${result.metAim ? 'met' : 'NOT met'}\n`);
  allMet &&= result.metAim;
}
process.stdout.write(
  `\n${selected.length} section(s); ${allMet ? 'all aims met' : 'some aims not met'}\n`,
);
