#!/usr/bin/env node
/** Entry point of the `marsad` executable. */
import { main, reportError } from "./main.js";

process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  // `marsad analyze … | head` closes the pipe early: that is not an error.
  if (err.code === "EPIPE") process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = reportError(err);
  },
);
