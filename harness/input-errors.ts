/** The harness's "you gave me something wrong" errors, which the CLI turns into exit 2. */
import { FixtureError } from '../specs/index.js';
import { ConformanceOptionError } from './run/options.js';
import { TargetUnreachableError } from './run/runner.js';
import { ScenarioFileError } from './scenario/load.js';
import { SelectionError } from './scenario/select.js';

export function isHarnessInputError(error: unknown): error is Error {
  return (
    error instanceof ConformanceOptionError ||
    error instanceof ScenarioFileError ||
    error instanceof SelectionError ||
    error instanceof TargetUnreachableError ||
    error instanceof FixtureError
  );
}
