/**
 * Reading one article's bytes from a path or stdin, with the checks a user
 * needs to hear about in one line: missing path, a directory, an empty file,
 * a file too large to be one article. Decoding is src/text/decode.ts's job.
 */
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../errors.js";
import { decodeBytes } from "../text/decode.js";

/** Default ceiling for one article (a long feature is ~100 KB; a 50 MB "article" is a mistake). */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export interface ReadText {
  text: string;
  encoding: string;
  format: "txt" | "html";
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Guess txt or html from the extension, else from the content. */
export function sniffFormat(path: string | null, text: string): "txt" | "html" {
  const ext = path ? extname(path).toLowerCase() : "";
  if (ext === ".html" || ext === ".htm" || ext === ".xhtml") return "html";
  if (ext === ".txt") return "txt";
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /<(body|article|p|div)[\s>]/.test(head) ? "html" : "txt";
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes)
      throw new InputError("stdin", `input is larger than ${mb(maxBytes)}, the limit for one article (raise it with --max-bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Read and decode `path` ("-" for stdin). */
export async function readArticleFile(path: string, maxBytes = MAX_ARTICLE_BYTES): Promise<ReadText> {
  let buf: Buffer;
  if (path === "-") {
    buf = await readStdin(maxBytes);
  } else {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new InputError(path, "no such file");
      if (code === "EACCES") throw new InputError(path, "permission denied");
      throw new InputError(path, `cannot read (${code ?? String(err)})`);
    }
    if (st.isDirectory()) throw new InputError(path, "is a directory (give a file, or use `marsad ingest` for a directory)");
    if (!st.isFile()) throw new InputError(path, "not a regular file");
    if (st.size > maxBytes)
      throw new InputError(
        path,
        `file is ${mb(st.size)}, larger than the ${mb(maxBytes)} limit for one article (raise it with --max-bytes, or use --jsonl for many articles)`,
      );
    const fh = await open(path, "r");
    try {
      buf = await fh.readFile();
    } catch (err) {
      throw new InputError(path, `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    } finally {
      await fh.close();
    }
  }
  const subject = path === "-" ? "stdin" : path;
  const { text, encoding } = decodeBytes(buf, subject);
  if (text.trim().length === 0) throw new InputError(subject, "empty file (only whitespace)");
  return { text, encoding, format: sniffFormat(path === "-" ? null : path, text) };
}
