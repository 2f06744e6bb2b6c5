/** A mistake in how the command was called or in what it was pointed at: exit code 2 with a one-line reason. */
export class UsageError extends Error {
  override name = 'UsageError';
}
