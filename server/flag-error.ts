/** A command-line flag that cannot be used; the message names the flag and what is wrong. */
export class FlagError extends Error {
  override name = 'FlagError';
}
