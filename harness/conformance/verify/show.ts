/** Short, faithful renderings of values for "expected … / actual …" lines. */

export const SHOW_MAX_CHARS = 300;

export function clip(text: string, max = SHOW_MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A value as JSON, clipped: strings keep their quotes so spaces and emptiness show. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text);
}
