/**
 * The API's error shape, `{ "error": { "code", "message" } }`, and the one
 * place that decides which failure becomes which HTTP status. Handlers throw
 * (an ApiError, an InputError from the engine, or a Fastify error such as a
 * too-large body) and never write error replies themselves, so every error
 * a client sees has the same shape and a message it can act on.
 *
 * Anything that is not one of those is a bug: the client gets a 500 with no
 * internals, and the server log gets the stack.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { InputError } from "../errors.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export const notFound = (what: string): ApiError => new ApiError(404, "not_found", what);
export const badRequest = (message: string): ApiError => new ApiError(400, "bad_request", message);

/** Fastify's own error codes → our code and a message in plain words. */
const FASTIFY_ERRORS: Record<string, { code: string; message: (e: FastifyError) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "body_too_large", message: () => "request body too large" },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "empty_body",
    message: () => "empty JSON body: send a JSON object, or drop the content-type header",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    message: (e) => `${e.message} (send application/json, text/plain, text/html or application/x-ndjson)`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "bad_request", message: () => "content-length does not match the body" },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "invalid_json", message: (e) => `body is not valid JSON (${e.message})` },
  // Raised by the router before any hook runs; app.ts routes them here through `frameworkErrors`.
  FST_ERR_BAD_URL: {
    code: "bad_url",
    message: () => 'malformed percent-escape in the URL path (encode text as UTF-8, and write "%" itself as %25)',
  },
  FST_ERR_MAX_PARAM_LENGTH: { code: "uri_too_long", message: () => "a part of the URL path is too long" },
};

/** What an error becomes on the wire. */
export function describe(err: unknown, bodyLimit: number): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof InputError) return { status: 400, body: { error: { code: "bad_request", message: err.message } } };
  const fe = err as FastifyError;
  if (fe && typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    const known = fe.code ? FASTIFY_ERRORS[fe.code] : undefined;
    if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return {
        status: 413,
        body: { error: { code: "body_too_large", message: `request body too large (at most ${formatBytes(bodyLimit)})` } },
      };
    }
    if (fe.statusCode === 429) return { status: 429, body: { error: { code: "rate_limited", message: fe.message } } };
    // A JSON syntax error from the body parser carries no code of its own in some versions.
    if (!known && fe.statusCode === 400 && err instanceof SyntaxError) {
      return { status: 400, body: { error: { code: "invalid_json", message: `body is not valid JSON (${fe.message})` } } };
    }
    return {
      status: fe.statusCode,
      body: { error: { code: known?.code ?? "bad_request", message: known ? known.message(fe) : fe.message } },
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "internal error (a bug — the server log has the details)" } } };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function errorHandler(bodyLimit: number) {
  return (err: unknown, req: FastifyRequest, reply: FastifyReply): void => {
    const { status, body } = describe(err, bodyLimit);
    if (status >= 500) req.log.error({ err }, "request failed");
    void reply.code(status).type("application/json; charset=utf-8").send(body);
  };
}
