/** The harness's "you gave me something wrong" errors, which the CLI turns into exit 2. */
import { FixtureError } from '../specs/index.js';
import { ConformanceOptionError } from './conformance/run/options.js';
import { TargetUnreachableError } from './conformance/run/runner.js';
import { ScenarioFileError } from './conformance/scenario/load.js';
import { SelectionError } from './conformance/scenario/select.js';

export function isHarnessInputError(error: unknown): error is Error {
  return (
    error instanceof ConformanceOptionError ||
    error instanceof ScenarioFileError ||
    error instanceof SelectionError ||
    error instanceof TargetUnreachableError ||
    error instanceof FixtureError
  );
}
