/**
 * The endpoints that take a body: POST /api/analyze (text, HTML or JSON →
 * the marsad.article/1 document, nothing stored), POST /api/ingest (records
 * or one article → stored; needs the API key), and DELETE /api/articles/:id
 * (needs the key). Bodies are limited in size by the server (config.ts);
 * here each shape is checked and a bad one is a 400 that says what to send.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RawInput } from "../article/input.js";
import { parseDateOption } from "../cli/options.js";
import { InputError } from "../errors.js";
import type { Job } from "../ingest/job.js";
import type { Store } from "../store/types.js";
import { type Analyzer, articleJob, recordJob } from "./analysis.js";
import type { Guards } from "./auth.js";
import { ApiError, badRequest, notFound } from "./errors.js";
import { type Query, str } from "./params.js";
import { deleteArticle } from "./queries.js";
import { articleId } from "./routes-read.js";

/** Optional metadata fields a JSON analyze body or the query string may carry. */
const META_FIELDS = ["title", "url", "outlet", "section", "author"] as const;

function date(v: string | null, name: string): string | null {
  if (v === null) return null;
  try {
    return parseDateOption(v, name);
  } catch (err) {
    if (err instanceof InputError) throw badRequest(err.message);
    throw err;
  }
}

function mediaType(req: FastifyRequest): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

function requireText(body: unknown, what: string): string {
  if (typeof body !== "string" || body.trim() === "") {
    throw new ApiError(400, "empty_body", `empty body: send ${what}`);
  }
  return body;
}

/** A text or HTML body plus metadata from the query string (?published=&title=&url=&outlet=&section=). */
function bodyInput(req: FastifyRequest, format: "txt" | "html"): RawInput {
  const q = req.query as Query;
  const input: RawInput = { format, content: requireText(req.body, format === "html" ? "an HTML page or fragment" : "the article text") };
  for (const f of META_FIELDS) input[f] = str(q, f);
  input.published = date(str(q, "published"), "published");
  return input;
}

/** A JSON analyze body: {text} or {html}, with optional published and metadata. */
function jsonInput(body: unknown): RawInput {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw badRequest('body: expected a JSON object such as {"text": "…"}');
  const b = body as Record<string, unknown>;
  const field = (name: string): string | null => {
    const v = b[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") throw badRequest(`${name}: expected a string`);
    return v;
  };
  const text = field("text");
  const html = field("html");
  if (text !== null && html !== null) throw badRequest('give "text" or "html", not both');
  const content = text ?? html;
  if (content === null || content.trim() === "") throw new ApiError(400, "empty_body", 'no article: give {"text": "…"} or {"html": "…"}');
  const input: RawInput = { format: html !== null ? "html" : "txt", content };
  for (const f of META_FIELDS) input[f] = field(f);
  input.published = date(field("published"), "published");
  return input;
}

export interface IngestReply {
  added: number;
  unchanged: number;
  failed: number;
  /** One entry per input, in order. */
  results: Array<{ where: string; status: "analyzed" | "skipped" | "failed"; id?: string; reason?: string }>;
}

export function writeRoutes(
  app: FastifyInstance,
  store: Store,
  analyzer: Analyzer,
  guards: Guards,
  opts: { writeRateLimit: number; maxIngestRecords: number },
): void {
  const costly = opts.writeRateLimit > 0 ? { rateLimit: { max: opts.writeRateLimit, timeWindow: 60_000 } } : {};

  app.post("/api/analyze", { onRequest: guards.requireRead, config: costly }, async (req, reply) => {
    const type = mediaType(req);
    const input = type === "application/json" ? jsonInput(req.body) : bodyInput(req, type === "text/html" ? "html" : "txt");
    if (type === "application/json") {
      const q = req.query as Query;
      input.published ??= date(str(q, "published"), "published");
    }
    const doc = await analyzer.analyze(input);
    return reply.type("application/json; charset=utf-8").send(doc);
  });

  app.post("/api/ingest", { onRequest: guards.requireWrite, config: costly }, async (req): Promise<IngestReply> => {
    const type = mediaType(req);
    const jobs: Job[] = [];
    const results: IngestReply["results"] = [];
    const failed = (where: string, reason: string): void => {
      results.push({ where, status: "failed", reason });
    };
    const addRecord = (record: unknown, where: string) => {
      try {
        jobs.push(recordJob(record, where));
        results.push({ where, status: "analyzed" });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        failed(where, err.reason);
      }
    };
    if (type === "application/json") {
      const body = req.body;
      const records = Array.isArray(body) ? body : [body];
      if (records.length === 0) throw new ApiError(400, "empty_body", "empty array: send at least one record");
      if (records.length > opts.maxIngestRecords)
        throw badRequest(`${records.length} records in one request; send at most ${opts.maxIngestRecords}`);
      for (const [i, r] of records.entries()) addRecord(r, `record ${i + 1}`);
    } else if (type === "application/x-ndjson" || type === "application/jsonl") {
      const lines = requireText(req.body, "JSON records, one a line").split("\n");
      const count = lines.filter((l) => l.trim() !== "").length;
      if (count > opts.maxIngestRecords) throw badRequest(`${count} records in one request; send at most ${opts.maxIngestRecords}`);
      lines.forEach((line, i) => {
        if (line.trim() === "") return;
        const where = `line ${i + 1}`;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch (err) {
          failed(where, `not valid JSON (${(err as Error).message})`);
          return;
        }
        addRecord(record, where);
      });
    } else {
      jobs.push(articleJob(bodyInput(req, type === "text/html" ? "html" : "txt"), "body"));
      results.push({ where: "body", status: "analyzed" });
    }

    const known = await store.knownInputs(jobs.map((j) => j.hash));
    const todo = jobs.filter((j) => !known.has(j.hash));
    const byWhere = new Map(results.map((r) => [r.where, r]));
    for (const j of jobs) if (known.has(j.hash)) (byWhere.get(j.where) as IngestReply["results"][number]).status = "skipped";
    const analyzed = todo.length ? await analyzer.run(todo) : [];
    const items = [];
    for (const r of analyzed) {
      const entry = byWhere.get(r.where) as IngestReply["results"][number];
      if (r.ok) {
        items.push({ doc: r.doc, inputHash: r.hash });
        entry.id = r.doc.id;
      } else {
        entry.status = "failed";
        entry.reason = r.reason;
      }
    }
    const put = await store.put(items);
    const nFailed = results.filter((r) => r.status === "failed").length;
    const skipped = results.filter((r) => r.status === "skipped").length;
    return { added: put.added, unchanged: put.unchanged + skipped, failed: nFailed, results };
  });

  app.delete<{ Params: { id: string } }>("/api/articles/:id", { onRequest: guards.requireWrite, config: costly }, async (req) => {
    const id = articleId(req.params.id);
    if (!(await deleteArticle(store, id))) throw notFound(`no article with id ${id}`);
    return { deleted: id };
  });
}
