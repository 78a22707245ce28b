/**
 * Reading a file a person gave (a scenario, a fixture, a workload, a result): every failure
 * is one line that names the file, thrown as the caller's own error class with the original
 * as `cause`, so each tool keeps its own exit code and wording.
 */
import { readFile } from 'node:fs/promises';
import type { Document } from 'yaml';

/** The caller's error class: a harness input, a fixture, a workload. */
export type InputErrorClass = new (message: string, options?: ErrorOptions) => Error;

/**
 * The file's text. `what` names what it should be (`fixture file`), for
 * `PATH: cannot read fixture file: …`; '' gives `PATH: cannot read: …`.
 */
export async function readInputText(
  path: string,
  what: string,
  ErrorClass: InputErrorClass,
  source = path,
): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const kind = what === '' ? '' : ` ${what}`;
    throw new ErrorClass(`${source}: cannot read${kind}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** A JSON text as data; `problem` names what it is not (`fixture is not valid JSON`). */
export function jsonValue(
  text: string,
  source: string,
  ErrorClass: InputErrorClass,
  problem = 'not JSON',
): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ErrorClass(`${source}: ${problem}: ${(error as Error).message}`, { cause: error });
  }
}

/** A parsed YAML document as plain data, with at most 100 aliases. */
export function yamlValue(doc: Document, source: string, ErrorClass: InputErrorClass): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb or an alias to nothing (yaml throws a ReferenceError for both): the
    // file's fault, said as such.
    throw new ErrorClass(`${source}: not valid YAML: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Freezes a loaded value all the way down: what is loaded once is shared by every run. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
