/**
 * `--workload NAME|MIX|FILE`: a preset name (`chat`), a custom mix by weights
 * (`send:70,inbox:20,send_group:10`), or a JSON or YAML file with the same fields. Every
 * problem is a WorkloadError whose message names the input and what is wrong with it.
 */
import { readInputText } from '../../specs/index.js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { OPS, isOp, type Op } from '../../results/load/ops.js';
import {
  DEFAULT_FILE_SIZE_BYTES,
  DEFAULT_MESSAGE_BYTES,
  MAX_FILE_SIZE_BYTES,
  MAX_MESSAGE_BYTES,
  PRESET_NAMES,
  describeMix,
  mixFromRecord,
  presetWorkload,
  type Workload,
  type WorkloadMixEntry,
} from './workload.js';

export class WorkloadError extends Error {
  override readonly name = 'WorkloadError';
}

const MAX_WEIGHT = 1_000_000;

/** The user's text in a message: escaped, so the message stays one line, and at most 60 characters. */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
const MIX_PATTERN = /^\s*[a-z_]+\s*:\s*[^,]+(,\s*[a-z_]+\s*:\s*[^,]+)*\s*$/;

/** Parses `op:weight,op:weight`; `source` names the input in messages. */
export function parseMix(text: string, source = 'mix'): WorkloadMixEntry[] {
  const record: Partial<Record<Op, number>> = {};
  for (const part of text.split(',')) {
    const [rawOp, rawWeight, ...rest] = part.split(':').map((s) => s.trim());
    if (rawOp === undefined || rawWeight === undefined || rest.length > 0) {
      throw new WorkloadError(`${source}: ${shown(part.trim())} is not op:weight`);
    }
    if (!isOp(rawOp)) {
      throw new WorkloadError(`${source}: unknown op ${shown(rawOp)}; ops are ${OPS.join(', ')}`);
    }
    if (record[rawOp] !== undefined) throw new WorkloadError(`${source}: "${rawOp}" appears twice`);
    record[rawOp] = parseWeight(rawWeight, `${source}: weight of ${rawOp}`);
  }
  return checkMix(mixFromRecord(record), source);
}

function parseWeight(text: string, what: string): number {
  const weight = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(weight) || weight > MAX_WEIGHT) {
    throw new WorkloadError(`${what} must be a number from 0 to ${MAX_WEIGHT}, got ${shown(text)}`);
  }
  return weight;
}

function checkMix(mix: WorkloadMixEntry[], source: string): WorkloadMixEntry[] {
  if (mix.length === 0) throw new WorkloadError(`${source}: every weight is 0; nothing to send`);
  return mix;
}

const weightSchema = z.number().min(0).max(MAX_WEIGHT);
const fileSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    description: z.string().max(500).optional(),
    mix: z.union([z.string().min(1), z.partialRecord(z.enum(OPS), weightSchema)]),
    fileSizeBytes: z.number().int().min(0).max(MAX_FILE_SIZE_BYTES).optional(),
    messageBytes: z.number().int().min(0).max(MAX_MESSAGE_BYTES).optional(),
  })
  .strict();

/** Validates a parsed workload document (from a file). */
export function workloadFromDocument(value: unknown, source: string): Workload {
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    // The first line names the first problem and its place; the others follow.
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    const rest = problems.slice(1).map((p) => `\n  ${p}`);
    throw new WorkloadError(`${source}: invalid workload file: ${problems[0]}${rest.join('')}`);
  }
  const doc = parsed.data;
  const mix =
    typeof doc.mix === 'string'
      ? parseMix(doc.mix, `${source}: mix`)
      : checkMix(mixFromRecord(doc.mix), `${source}: mix`);
  return Object.freeze({
    name: doc.name ?? source,
    description: doc.description ?? `custom mix ${describeMix(mix)}`,
    mix: Object.freeze(mix),
    fileSizeBytes: doc.fileSizeBytes ?? DEFAULT_FILE_SIZE_BYTES,
    messageBytes: doc.messageBytes ?? DEFAULT_MESSAGE_BYTES,
  });
}

/** Reads a workload file: YAML, of which JSON is a subset. */
export async function loadWorkloadFile(path: string): Promise<Workload> {
  const text = await readInputText(path, 'workload file', WorkloadError);
  let value: unknown;
  try {
    // Warnings (an unknown tag, say) stay quiet: the schema below judges the value.
    value = parseYaml(text, { logLevel: 'error' });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new WorkloadError(`${path}: not valid YAML or JSON: ${reason}`, {
      cause: error,
    });
  }
  return workloadFromDocument(value, path);
}

/**
 * Resolves `--workload`: a preset name first, then a mix (it has `op:weight`), then a file.
 * A name that is none of these gets a message listing the presets.
 */
export async function resolveWorkload(spec: string): Promise<Workload> {
  const preset = presetWorkload(spec.trim());
  if (preset !== undefined) return Object.freeze({ ...preset, mix: Object.freeze(preset.mix) });
  if (MIX_PATTERN.test(spec) && !spec.includes('/') && !/\.(ya?ml|json)$/i.test(spec)) {
    const mix = parseMix(spec, `workload "${spec}"`);
    return Object.freeze({
      name: 'custom',
      description: `custom mix ${describeMix(mix)}`,
      mix: Object.freeze(mix),
      fileSizeBytes: DEFAULT_FILE_SIZE_BYTES,
      messageBytes: DEFAULT_MESSAGE_BYTES,
    });
  }
  if (!spec.includes('/') && !spec.includes('.') && !spec.includes(':')) {
    throw new WorkloadError(
      `unknown workload "${spec}"; use one of ${PRESET_NAMES.join(', ')}, a mix like ` +
        'send:70,inbox:20,send_group:10, or a JSON/YAML file',
    );
  }
  return loadWorkloadFile(spec);
}
