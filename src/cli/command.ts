/**
 * The shape of a CLI command. Each command lives in src/cli/commands/<name>.ts
 * and is listed in src/cli/main.ts; it parses its own arguments with
 * node:util's parseArgs and returns an exit code. Errors a user can fix are
 * thrown as InputError and printed as one line by main.
 */
export interface Command {
  name: string;
  /** One line for `marsad --help`. */
  summary: string;
  /** Full `marsad <name> --help` text: usage, options, examples. */
  help: string;
  run(argv: string[]): Promise<number>;
}
