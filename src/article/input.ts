/**
 * RawInput: what the structure stage is given. Bytes are decoded upstream
 * (src/text/decode.ts); from here on everything is a JS string plus what the
 * caller knows about where it came from. One type for every entry point (a
 * file, stdin, a JSONL record) so that parseArticle has a single signature.
 */

export interface RawInput {
  /** How `content` is written: scraped plain text or an HTML page/fragment. */
  format: "txt" | "html";
  /** Already decoded text. */
  content: string;
  path?: string | null;
  url?: string | null;
  /** Short outlet name ("skynews"), when known. */
  outlet?: string | null;
  /**
   * Publication date given by the caller or the record, in any form
   * src/article/published.ts reads (ISO, RFC 2822, DD/MM/YYYY, …). For HTML
   * the page's own date wins.
   */
  published?: string | null;
  section?: string | null;
  author?: string | null;
  /** Encoding the bytes were decoded from (reported in source.encoding). */
  encoding?: string;
  /** For JSONL records that carry the title separately from the text. */
  title?: string | null;
  /**
   * The outlet's own teaser (the JSONL `abstract`). Used as the lead only when
   * it is not just the start of the body (see docs/article-structure.md).
   */
  abstract?: string | null;
  /** true when the input came from a JSONL record: source.format is then "jsonl". */
  record?: boolean;
  /**
   * Told about problems that do not stop the analysis (an unreadable date,
   * which becomes null). Optional; for in-process callers only — a function
   * does not cross to a worker thread, so inputs sent to the ingest pool
   * leave it unset.
   */
  warn?: (message: string) => void;
}

/** The name errors about this input are reported under. */
export function inputSubject(input: RawInput, fallback = "input"): string {
  return input.path || input.url || fallback;
}
