/**
 * `marsad serve`: the HTTP API and the Arabic web UI over a corpus database
 * (src/server). Runs until interrupted; SIGINT/SIGTERM close the server
 * gracefully (requests in flight finish, then the database is closed).
 */
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { stageNames } from "../../pipeline.js";
import { buildServer } from "../../server/app.js";
import { ENV_KEY } from "../../server/auth.js";
import { DEFAULTS, isLoopback } from "../../server/config.js";
import { formatBytes } from "../../server/errors.js";
import { DEFAULT_DB, openStore } from "../../store/open.js";
import type { Command } from "../command.js";
import { parseSizeOption, parseStagesOption } from "../options.js";

const HELP = `marsad serve — the HTTP API and the Arabic web UI over a corpus database

Usage:
  marsad serve [options]

Options:
  --db PATH|URL      database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --create           create the database when it does not exist (to fill it through POST /api/ingest)
  --host HOST        address to listen on (default ${DEFAULTS.host}: this machine only)
  --port N           port (default ${DEFAULTS.port}; 0 picks a free one and prints it)
  --open-reads       on a non-loopback --host, serve reads without the API key
  --cors ORIGIN      allow one other origin (e.g. https://example.org) to call the API from a browser
  --workers N        analysis threads for /api/analyze and /api/ingest (default ${DEFAULTS.workers})
  --disable STAGES   pipeline stages to skip when analyzing, comma-separated (of: ${stageNames().slice(1).join(", ")})
  --rate-limit N     requests a minute per client address (default ${DEFAULTS.rateLimit}; 0 turns it off)
  --body-limit SIZE  largest request body (default ${formatBytes(DEFAULTS.bodyLimit)}; suffixes K, M)
  --log LEVEL        request log on stderr: info, warn, error (default: none)
  -h, --help         this help

Security:
  Writes (POST /api/ingest, DELETE /api/articles/:id) need the key in $${ENV_KEY},
  sent as the x-api-key header or Authorization: Bearer <key>. Without the variable
  they are disabled (403). Reads are open on a loopback address (127.0.0.1, ::1);
  on any other address they need the key too, unless --open-reads. Binding another
  address with neither is refused. CORS is off unless --cors. Every response carries
  a strict Content-Security-Policy and X-Content-Type-Options: nosniff.

API: GET /api/openapi.json lists every endpoint (docs/api.md explains them).
UI:  http://HOST:PORT/ (built by \`npm run build:web\` into dist/web).

Examples:
  marsad serve --db corpus.db
  MARSAD_API_KEY=$(openssl rand -hex 24) marsad serve --db corpus.db --port 9000
  curl -s 'http://127.0.0.1:8080/api/search?q=بوتين&limit=3'

Exit status: 0 after a clean shutdown (Ctrl-C); 1 when the server cannot start.`;

function port(v: string | undefined): number {
  if (v === undefined) return DEFAULTS.port;
  if (!/^\d+$/.test(v.trim()) || Number(v) > 65535) throw new InputError("--port", `"${v}" is not a port number (0–65535)`);
  return Number(v);
}

function count(v: string | undefined, name: string, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v.trim()) || Number(v) > max) throw new InputError(name, `"${v}" is not a whole number from 0 to ${max}`);
  return Number(v);
}

function origin(v: string | undefined): string | null {
  if (v === undefined) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new InputError("--cors", `"${v}" is not an origin (e.g. https://example.org)`);
  }
  if (!/^https?:$/.test(u.protocol) || (u.pathname !== "/" && u.pathname !== "") || u.search || u.hash || v.endsWith("/")) {
    throw new InputError("--cors", `"${v}" is not an origin: give scheme, host and port only, e.g. https://example.org`);
  }
  return u.origin;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "the HTTP API and the Arabic web UI over a corpus database",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        create: { type: "boolean", default: false },
        host: { type: "string" },
        port: { type: "string" },
        "open-reads": { type: "boolean", default: false },
        cors: { type: "string" },
        workers: { type: "string" },
        disable: { type: "string" },
        "rate-limit": { type: "string" },
        "body-limit": { type: "string" },
        log: { type: "string" },
      },
    });
    if (positionals.length > 0) throw new InputError("serve", `unexpected argument "${positionals[0]}" (the database is given with --db)`);
    const host = values.host?.trim() || DEFAULTS.host;
    const log = values.log;
    if (log !== undefined && !["info", "warn", "error", "debug"].includes(log))
      throw new InputError("--log", `"${log}" is not one of info, warn, error, debug`);
    const options = {
      host,
      apiKey: process.env[ENV_KEY] ?? null,
      openReads: values["open-reads"] ?? false,
      corsOrigin: origin(values.cors),
      workers: count(values.workers, "--workers", DEFAULTS.workers, 64),
      disable: parseStagesOption(values.disable),
      rateLimit: count(values["rate-limit"], "--rate-limit", DEFAULTS.rateLimit, 1_000_000),
      bodyLimit: values["body-limit"] !== undefined ? parseSizeOption(values["body-limit"], "--body-limit") : DEFAULTS.bodyLimit,
      logger: log ?? false,
    };
    const listenPort = port(values.port);
    const store = await openStore(values.db, { create: values.create ?? false });
    let app: Awaited<ReturnType<typeof buildServer>> | undefined;
    try {
      app = await buildServer({ ...options, store });
      await app.listen({ host, port: listenPort });
    } catch (err) {
      // Closing the app also stops its analysis workers, which would keep the process alive.
      await app?.close();
      await store.close();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE")
        throw new InputError("--port", `port ${listenPort} on ${host} is already in use (pick another with --port, or 0 for any free one)`);
      if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
        throw new InputError("--host", `cannot listen on ${host}: no such address on this machine`);
      if (code === "EACCES")
        throw new InputError("--port", `not allowed to listen on port ${listenPort} (ports below 1024 need privileges)`);
      throw err;
    }
    const server = app;
    const addr = server.server.address();
    const shown =
      typeof addr === "object" && addr
        ? `${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`
        : `${host}:${listenPort}`;
    const writes = options.apiKey?.trim() ? "writes need the API key" : `writes disabled (set ${ENV_KEY} to enable)`;
    const reads = isLoopback(host) || options.openReads ? "reads open" : "reads need the API key";
    process.stderr.write(`marsad: serving ${store.location} at http://${shown}/ (API: /api, ${reads}, ${writes}); Ctrl-C stops\n`);

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        process.stderr.write("marsad: shutting down\n");
        void server
          .close()
          .then(() => store.close())
          .then(resolve, resolve);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    return 0;
  },
};
