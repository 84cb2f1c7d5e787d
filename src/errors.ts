/**
 * Errors a user can act on. Anything thrown as an InputError is printed as a
 * single line ("marsad: <what>: <why>") with a non-zero exit; anything else
 * is a bug and is reported as one.
 */
export class InputError extends Error {
  constructor(
    /** What the error is about: a file name, a record number, an option. */
    readonly subject: string,
    /** Why, in words a user understands. */
    readonly reason: string,
  ) {
    super(`${subject}: ${reason}`);
    this.name = "InputError";
  }
}
