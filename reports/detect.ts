/**
 * Which kind of chatspec result a parsed JSON document is: a conformance report
 * (report.json), a fuzz report (fuzz-report.json) or a load result (`load --json`). Decided
 * by the fields each kind always has, before the kind's own validation runs.
 */
export type ResultKind = 'test' | 'fuzz' | 'load';

export function detectResultKind(value: unknown): ResultKind | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  if (doc.format === 'chatspec-load/1' || doc.format === 'chatspec-load-raw/1') return 'load';
  if ('scenarios' in doc && 'requirements' in doc) return 'test';
  if ('mode' in doc && 'stats' in doc && 'seed' in doc) return 'fuzz';
  return undefined;
}
