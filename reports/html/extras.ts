/**
 * Fields a newer chatspec adds to a result (the dialect rule that applied, a "not checkable"
 * detail) are shown rather than dropped: each as a labelled value, strings as written,
 * anything else as JSON, all escaped and bounded.
 */
import { visibleBounded } from '../visible.js';
import { escapeMarkup } from './escape.js';

const MAX_VALUE_CHARS = 2000;

function label(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `<dt>`/`<dd>` pairs for every key of `record` not in `known` whose value is not undefined. */
export function extraFields(record: object, known: ReadonlySet<string>): string {
  return Object.entries(record)
    .filter(([key, value]) => !known.has(key) && value !== undefined && value !== null)
    .map(
      ([key, value]) =>
        `<dt>${escapeMarkup(visibleBounded(label(key), 80))}</dt>` +
        `<dd>${escapeMarkup(visibleBounded(valueText(value), MAX_VALUE_CHARS))}</dd>`,
    )
    .join('');
}
