/**
 * A workload: which ops a connection sends, in what proportion, and the sizes of what they
 * carry. The named workloads are presets of the same record; a custom mix or a file gives
 * the same record, so the engine knows one shape only.
 */
import type { Op } from '../../results/load/ops.js';

export interface WorkloadMixEntry {
  readonly op: Op;
  /** Relative weight; the chance of an op is its weight over the sum of weights. */
  readonly weight: number;
}

export interface Workload {
  /** A preset's name, `custom` for a mix, or the file it came from. */
  readonly name: string;
  readonly description: string;
  readonly mix: readonly WorkloadMixEntry[];
  /** Bytes of each file sent by send_file and send_group_file, before base64. */
  readonly fileSizeBytes: number;
  /**
   * Length of each message text in bytes. The text starts with the message id; longer texts
   * are padded. 0 means the id alone.
   */
  readonly messageBytes: number;
}

/** Whether the workload sends to groups (send_group or send_group_file). */
export function sendsToGroups(workload: Workload): boolean {
  return workload.mix.some((e) => e.op === 'send_group' || e.op === 'send_group_file');
}

export const DEFAULT_FILE_SIZE_BYTES = 1024;
export const DEFAULT_MESSAGE_BYTES = 0;
/** Largest file: its base64 must fit the reference server's default 16 MiB line. */
export const MAX_FILE_SIZE_BYTES = 8 * 1024 * 1024;
export const MAX_MESSAGE_BYTES = 1024 * 1024;

interface Preset {
  readonly description: string;
  readonly mix: Readonly<Partial<Record<Op, number>>>;
}

/** The named workloads; `chat` is the default. */
export const PRESETS: Readonly<Record<string, Preset>> = Object.freeze({
  chat: {
    description: 'a realistic mix: send 60%, inbox 40%',
    mix: { send: 60, inbox: 40 },
  },
  auth: { description: 'login storm: auth on open connections', mix: { auth: 100 } },
  send: {
    description: 'send only (inboxes grow; a server may answer storage full)',
    mix: { send: 100 },
  },
  inbox: { description: 'inbox only (mostly empty inboxes)', mix: { inbox: 100 } },
  group: {
    description: 'group fan-out: send_group 50%, inbox 50% (each message reaches every member)',
    mix: { send_group: 50, inbox: 50 },
  },
  file: {
    description: 'files: send_file 50%, download_file 50% (size: --file-size)',
    mix: { send_file: 50, download_file: 50 },
  },
  connect: {
    description: 'connection churn: open a TCP connection, auth, close, again',
    mix: { connect: 100 },
  },
});

export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

export function mixFromRecord(record: Readonly<Partial<Record<Op, number>>>): WorkloadMixEntry[] {
  return Object.entries(record)
    .filter(([, weight]) => weight !== undefined && weight > 0)
    .map(([op, weight]) => ({ op: op as Op, weight: weight! }));
}

export function presetWorkload(name: string): Workload | undefined {
  const preset = PRESETS[name];
  if (preset === undefined) return undefined;
  return {
    name,
    description: preset.description,
    mix: mixFromRecord(preset.mix),
    fileSizeBytes: DEFAULT_FILE_SIZE_BYTES,
    messageBytes: DEFAULT_MESSAGE_BYTES,
  };
}

/** `send:70,inbox:20,send_group:10` as shown in results. */
export function describeMix(mix: readonly WorkloadMixEntry[]): string {
  return mix.map((e) => `${e.op}:${e.weight}`).join(',');
}
