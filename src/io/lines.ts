/**
 * Streaming line reader for JSONL batches. Memory stays flat whatever the
 * input size: a line longer than `maxLineBytes` is skipped (reported with its
 * number and size, never buffered), and a file need not end with a newline.
 * Lines are decoded as UTF-8; a line with broken UTF-8 is reported as such
 * rather than decoded to replacement characters.
 */
import type { Readable } from "node:stream";

export type LineResult = { ok: true; line: string; lineNo: number } | { ok: false; lineNo: number; reason: string };

/** Default longest line. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Smallest limit accepted: below this even a short record would not fit. */
export const MIN_LINE_BYTES = 1024;

/** "512 bytes", "1.5 KB", "16 MB". */
export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export async function* readLines(stream: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineResult> {
  if (!(maxLineBytes >= MIN_LINE_BYTES)) throw new RangeError(`line limit ${maxLineBytes} is below ${MIN_LINE_BYTES} bytes`);
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let lineNo = 0;
  const finish = (): LineResult | null => {
    lineNo++;
    if (tooLong) {
      const r: LineResult = {
        ok: false,
        lineNo,
        reason: `line of ${formatSize(size)} (${size} bytes) is longer than the ${formatSize(maxLineBytes)} limit; skipped`,
      };
      parts = [];
      size = 0;
      tooLong = false;
      return r;
    }
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    size = 0;
    try {
      let line = strictUtf8.decode(buf);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      return { ok: true, line, lineNo };
    } catch {
      return { ok: false, lineNo, reason: "invalid UTF-8" };
    }
  };
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, from);
      const piece = nl < 0 ? buf.subarray(from) : buf.subarray(from, nl);
      // Bytes are counted to the end of a long line (its size is reported), never kept.
      size += piece.length;
      if (!tooLong) {
        if (size > maxLineBytes) {
          tooLong = true;
          parts = [];
        } else if (piece.length > 0) parts.push(Buffer.from(piece));
      }
      if (nl < 0) break;
      const r = finish();
      if (r) yield r;
      from = nl + 1;
    }
  }
  if (size > 0 || tooLong) {
    const r = finish();
    if (r) yield r;
  }
}
