/** The commands `marsad` knows, in the order `marsad --help` lists them. */
import type { Command } from "../command.js";
import { analyzeCommand } from "./analyze.js";
import { entityCommand } from "./entity.js";
import { evalCommand } from "./eval.js";
import { eventsCommand } from "./events.js";
import { ingestCommand } from "./ingest.js";
import { kbCommand } from "./kb.js";
import { quotesCommand } from "./quotes.js";
import { relatedCommand } from "./related.js";
import { searchCommand } from "./search.js";
import { serveCommand } from "./serve.js";
import { startCommand } from "./start.js";
import { workerCommand } from "./worker.js";

export const COMMANDS: Command[] = [
  startCommand,
  analyzeCommand,
  evalCommand,
  ingestCommand,
  searchCommand,
  entityCommand,
  kbCommand,
  quotesCommand,
  eventsCommand,
  relatedCommand,
  serveCommand,
  workerCommand,
];
