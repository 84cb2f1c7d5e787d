/**
 * Everything the server can be told, with its defaults in one table at the
 * top: limits (body size, time, rate, page sizes) and the security policy.
 * `marsad serve` turns flags into a ServerOptions; tests and the benchmark
 * build one directly.
 *
 * Security policy (also in docs/api.md):
 *   - binds 127.0.0.1 unless told otherwise;
 *   - write endpoints (POST /api/ingest, DELETE /api/articles/:id) need the
 *     key in $MARSAD_API_KEY; with no key configured they answer 403 and say
 *     how to enable them;
 *   - read endpoints are open on a loopback address; on any other address
 *     they need the key too, unless --open-reads says the corpus is public.
 *     Binding a non-loopback address with neither a key nor --open-reads is
 *     refused at start-up, so a corpus is never exposed by accident.
 */
import type { Store } from "../store/types.js";

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 8080,
  /** Largest request body (an article, or a batch of records to ingest). */
  bodyLimit: 2 * 1024 * 1024,
  /** Time to receive a whole request, headers and body (slow-client guard). */
  requestTimeoutMs: 30_000,
  /** Longest an analysis (POST /api/analyze, POST /api/ingest) may take before the client gets 503. */
  analyzeTimeoutMs: 20_000,
  /** Analyses queued or running at once; more get 503 busy instead of queueing without bound. */
  maxPendingAnalyses: 16,
  /** Analysis worker threads (0: analyze on the event loop, for tests). */
  workers: 1,
  /** Requests per minute per client address, all routes (0 turns rate limiting off). */
  rateLimit: 1200,
  /** Requests per minute per client on the costly routes (analyze, ingest, delete). */
  writeRateLimit: 120,
  /** Records accepted by one POST /api/ingest. */
  maxIngestRecords: 500,
} as const;

export interface ServerOptions {
  store: Store;
  host?: string;
  /** The API key for write endpoints (and for reads off loopback); null or "" disables writes. */
  apiKey?: string | null;
  /** Serve reads without the key on a non-loopback host. */
  openReads?: boolean;
  /** One origin allowed by CORS ("https://example.org"); CORS is off when absent. */
  corsOrigin?: string | null;
  bodyLimit?: number;
  requestTimeoutMs?: number;
  analyzeTimeoutMs?: number;
  maxPendingAnalyses?: number;
  workers?: number;
  rateLimit?: number;
  writeRateLimit?: number;
  maxIngestRecords?: number;
  /** Pipeline stages to skip when analyzing (as `marsad ingest --disable`). */
  disable?: string[];
  /** Directory of the built web UI (default dist/web); the UI is not served when it is missing. */
  webDir?: string | null;
  /** Fastify logger: false (default), true, or a pino level ("info"). */
  logger?: boolean | string;
}

export type ResolvedOptions = Required<Omit<ServerOptions, "logger">> & { logger: boolean | string };

/** true for 127.0.0.0/8, ::1 and "localhost": addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "::ffff:127.0.0.1";
}
