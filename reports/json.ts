/**
 * report.json: the RunResult as pretty JSON in a stable key order, so two reports of the
 * same run are byte-identical and a diff between two runs shows only what changed. The key
 * order is the schema's (schema.ts), which is also the order REPORT-SCHEMA.md documents;
 * keys the schema does not know (a newer harness) follow in sorted order rather than being
 * dropped. Summary counts follow VERDICTS, least severe first.
 */
import { VERDICTS, type RunResult, type ScenarioResult } from '../results/run.js';
import type { TranscriptEntry } from '../results/transcript.js';
import type { RequirementResult } from '../results/run.js';
import {
  requirementResultSchema,
  runResultSchema,
  scenarioResultSchema,
  transcriptEntrySchema,
} from './schema.js';

type Json = Record<string, unknown>;

function ordered(value: object, keys: readonly string[]): Json {
  const source = value as Json;
  const out: Json = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).sort()) {
    if (!keys.includes(key) && source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

const RUN_KEYS = Object.keys(runResultSchema.shape);
const TOOL_KEYS = Object.keys(runResultSchema.shape.tool.shape);
const TARGET_KEYS = Object.keys(runResultSchema.shape.target.shape);
const SCENARIO_KEYS = Object.keys(scenarioResultSchema.shape);
const ENTRY_KEYS = Object.keys(transcriptEntrySchema.shape);
const REQUIREMENT_KEYS = Object.keys(requirementResultSchema.shape);

function orderEntry(entry: TranscriptEntry): Json {
  return ordered(entry, ENTRY_KEYS);
}

function orderScenario(scenario: ScenarioResult): Json {
  return ordered({ ...scenario, transcript: scenario.transcript.map(orderEntry) }, SCENARIO_KEYS);
}

function orderRequirement(requirement: RequirementResult): Json {
  return ordered(requirement, REQUIREMENT_KEYS);
}

export function renderJson(result: RunResult): string {
  const run = ordered(
    {
      ...result,
      tool: ordered(result.tool, TOOL_KEYS),
      target: ordered(result.target, TARGET_KEYS),
      summary: ordered(result.summary, VERDICTS),
      scenarios: result.scenarios.map(orderScenario),
      requirements: result.requirements.map(orderRequirement),
    },
    RUN_KEYS,
  );
  return `${JSON.stringify(run, null, 2)}\n`;
}
