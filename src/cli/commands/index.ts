/** The commands `marsad` knows, in the order `marsad --help` lists them. */
import type { Command } from "../command.js";
import { analyzeCommand } from "./analyze.js";
import { evalCommand } from "./eval.js";
import { ingestCommand } from "./ingest.js";
import { searchCommand } from "./search.js";
import { serveCommand } from "./serve.js";
import { startCommand } from "./start.js";
import { workerCommand } from "./worker.js";

export const COMMANDS: Command[] = [startCommand, analyzeCommand, evalCommand, ingestCommand, searchCommand, serveCommand, workerCommand];
