/**
 * The `marsad` command line: dispatches to one command per file in
 * src/cli/commands. Prints a one-line error and exits non-zero on bad input;
 * only a bug prints a stack trace (and says so).
 */
import { InputError } from "../errors.js";
import type { Command } from "./command.js";
import { COMMANDS } from "./commands/index.js";

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "marsad — Arabic news intelligence (مرصد)",
    "",
    "Usage: marsad <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `marsad <command> --help` for a command's options and examples.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const target = name === "help" && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    process.stdout.write(`${target ? target.help : usage()}\n`);
    return 0;
  }
  if (name === "--version" || name === "-v") {
    const { readFileSync } = await import("node:fs");
    const { ROOT } = await import("../paths.js");
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`marsad: unknown command "${name}". Run \`marsad --help\` for the list.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${cmd.help}\n`);
    return 0;
  }
  return cmd.run(rest);
}

export function reportError(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`marsad: ${err.message}\n`);
    return 1;
  }
  const e = err as NodeJS.ErrnoException;
  if (
    e &&
    (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ||
      e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" ||
      e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
  ) {
    process.stderr.write(`marsad: ${e.message}\n`);
    return 2;
  }
  if (e && e.code === "EPIPE") return 0;
  process.stderr.write(`marsad: internal error (a bug — please report it): ${e?.stack ?? String(err)}\n`);
  return 70;
}
