/** A server that could not be launched or did not come up; the message is one line. */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
}
