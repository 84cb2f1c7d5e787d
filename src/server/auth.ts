/**
 * The API key check. A key arrives as `x-api-key: KEY` or
 * `Authorization: Bearer KEY` and is compared in constant time (over
 * SHA-256 digests, so its length does not leak either). Two guards, used as
 * route preHandlers:
 *
 *   requireWrite  writes: 403 when the server has no key (writes disabled,
 *                 with how to enable them), 401 when the key is missing or wrong
 *   requireRead   reads: open on loopback or with --open-reads, else as above
 *
 * The policy itself is described in config.ts.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

export const ENV_KEY = "MARSAD_API_KEY";

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/** The key a request carries, or null. */
export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers["x-api-key"];
  if (typeof header === "string" && header.trim() !== "") return header.trim();
  const auth = req.headers.authorization;
  if (typeof auth === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  return null;
}

export interface Guards {
  requireWrite(req: FastifyRequest): Promise<void>;
  requireRead(req: FastifyRequest): Promise<void>;
}

export function makeGuards(apiKey: string | null, readsOpen: boolean): Guards {
  const expected = apiKey ? digest(apiKey) : null;
  const check = (req: FastifyRequest): void => {
    const given = presentedKey(req);
    if (given === null)
      throw new ApiError(401, "unauthorized", "missing API key: send it as the x-api-key header or as Authorization: Bearer <key>");
    if (!expected || !timingSafeEqual(digest(given), expected)) throw new ApiError(401, "unauthorized", "wrong API key");
  };
  return {
    async requireWrite(req) {
      if (!expected) {
        throw new ApiError(
          403,
          "writes_disabled",
          `write endpoints are disabled: start the server with ${ENV_KEY} set in its environment, then send that key as x-api-key or Authorization: Bearer`,
        );
      }
      check(req);
    },
    async requireRead(req) {
      if (!readsOpen) check(req);
    },
  };
}
