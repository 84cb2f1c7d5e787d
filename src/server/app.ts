/**
 * The Marsad HTTP server: Fastify with the API routes, the built web UI
 * (dist/web) at /, and the guards every route shares: body size limit,
 * request timeout, rate limiting, API key checks, security headers, JSON
 * errors. `buildServer` returns the app unstarted, so tests can `inject`
 * requests without a socket and `marsad serve` can `listen`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { InputError } from "../errors.js";
import { ROOT } from "../paths.js";
import { Analyzer } from "./analysis.js";
import { makeGuards } from "./auth.js";
import { DEFAULTS, isLoopback, type ResolvedOptions, type ServerOptions } from "./config.js";
import { ApiError, errorHandler } from "./errors.js";
import { OPENAPI } from "./openapi.js";
import { checkQueryEscapes } from "./params.js";
import { readRoutes } from "./routes-read.js";
import { writeRoutes } from "./routes-write.js";

export const WEB_DIR = join(ROOT, "dist", "web");

/**
 * Headers on every response. The UI needs nothing from elsewhere (the font
 * is bundled), so everything is 'self'; no inline script or style is allowed,
 * which makes an injected <script> inert even if text were ever rendered as
 * HTML (it is not: see web/src/highlight.tsx).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/** Content types read as a plain string body (JSON and text/plain are Fastify's own). */
const STRING_BODIES = ["text/html", "application/x-ndjson", "application/jsonl"];

export function resolveOptions(o: ServerOptions): ResolvedOptions {
  return {
    store: o.store,
    host: o.host ?? DEFAULTS.host,
    apiKey: o.apiKey?.trim() ? o.apiKey.trim() : null,
    openReads: o.openReads ?? false,
    corsOrigin: o.corsOrigin ?? null,
    bodyLimit: o.bodyLimit ?? DEFAULTS.bodyLimit,
    requestTimeoutMs: o.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    analyzeTimeoutMs: o.analyzeTimeoutMs ?? DEFAULTS.analyzeTimeoutMs,
    maxPendingAnalyses: o.maxPendingAnalyses ?? DEFAULTS.maxPendingAnalyses,
    workers: o.workers ?? DEFAULTS.workers,
    rateLimit: o.rateLimit ?? DEFAULTS.rateLimit,
    writeRateLimit: o.writeRateLimit ?? DEFAULTS.writeRateLimit,
    maxIngestRecords: o.maxIngestRecords ?? DEFAULTS.maxIngestRecords,
    disable: o.disable ?? [],
    webDir: o.webDir === undefined ? WEB_DIR : o.webDir,
    logger: o.logger ?? false,
  };
}

/** Refuse a configuration that would expose the corpus by accident. */
export function checkExposure(o: Pick<ResolvedOptions, "host" | "apiKey" | "openReads">): void {
  if (isLoopback(o.host) || o.apiKey || o.openReads) return;
  throw new InputError(
    "--host",
    `${o.host} is reachable from other machines: set MARSAD_API_KEY (reads then need the key too), or pass --open-reads to serve reads to anyone`,
  );
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const o = resolveOptions(options);
  checkExposure(o);
  const app = Fastify({
    logger: typeof o.logger === "string" ? { level: o.logger } : o.logger,
    bodyLimit: o.bodyLimit,
    requestTimeout: o.requestTimeoutMs,
    connectionTimeout: o.requestTimeoutMs * 2,
    // Reads from other machines need the key, so no proxy header may make a request look local.
    trustProxy: false,
    routerOptions: { maxParamLength: 400 },
    // The router's own errors (a malformed escape in the path) get our error shape and
    // headers too (they are answered before any hook runs).
    frameworkErrors: (err, req, reply) => {
      reply.headers(SECURITY_HEADERS);
      onError(err, req, reply);
    },
  });
  const onError = errorHandler(o.bodyLimit);
  app.setErrorHandler(onError);
  // A malformed escape in the query string is a 400, not literal text passed to a route.
  app.addHook("onRequest", async (req) => checkQueryEscapes(req.url));
  app.addContentTypeParser(STRING_BODIES, { parseAs: "string" }, (_req, body, done) => done(null, body));

  app.addHook("onSend", async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });

  if (o.corsOrigin) {
    await app.register(cors, {
      origin: o.corsOrigin,
      methods: ["GET", "POST", "DELETE"],
      allowedHeaders: ["content-type", "x-api-key", "authorization"],
    });
  }
  if (o.rateLimit > 0) {
    await app.register(rateLimit, {
      global: true,
      max: o.rateLimit,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        code: "rate_limited",
        message: `too many requests (limit ${ctx.max} a minute); retry in ${ctx.after}`,
      }),
    });
  }

  const analyzer = new Analyzer(o.workers, o.analyzeTimeoutMs, o.maxPendingAnalyses, o.disable);
  app.addHook("onClose", async () => analyzer.close());
  const guards = makeGuards(o.apiKey, isLoopback(o.host) || o.openReads);

  app.get("/api/openapi.json", async () => OPENAPI);
  readRoutes(app, o.store, guards);
  writeRoutes(app, o.store, analyzer, guards, o);

  const hasWeb = o.webDir !== null && existsSync(join(o.webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: o.webDir as string,
      prefix: "/",
      wildcard: false,
      index: ["index.html"],
      // Hashed asset names may be cached for good; index.html must be revalidated.
      setHeaders: (res, path) =>
        res.header("cache-control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache"),
    });
  }
  app.setNotFoundHandler((req) => {
    const path = req.url.split("?")[0];
    if (path.startsWith("/api/") || path === "/api") {
      throw new ApiError(404, "not_found", `no such endpoint: ${req.method} ${path} (the list is at /api/openapi.json)`);
    }
    if (!hasWeb)
      throw new ApiError(
        404,
        "not_found",
        "the web UI is not built: run `npm run build:web`, then restart the server (the API is at /api)",
      );
    throw new ApiError(404, "not_found", `no such page: ${path} (the UI is at /)`);
  });
  return app;
}
