/**
 * Bytes → text. Detects UTF-8 (with or without BOM), UTF-16 (LE/BE, with a BOM
 * or recognisable by its zero bytes) and legacy Windows-1256 Arabic, and
 * refuses what is not text at all, with a reason a user can act on.
 *
 * Why the order matters: Windows-1256 bytes are almost never valid UTF-8 (its
 * Arabic letters are lone bytes ≥ 0xC1), so "valid UTF-8" is tried first; a
 * file that is *mostly* valid UTF-8 but has a few broken sequences is a
 * damaged UTF-8 file, not a legacy one, and is refused instead of being
 * silently turned into mojibake.
 */
import { InputError } from "../errors.js";

export interface Decoded {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1256";
}

/** Share of C0 control bytes (other than tab, LF, CR, FF, ESC) that marks a binary file. */
const MAX_CONTROL_RATIO = 0.01;
/** Bytes sampled to sniff UTF-16 and binary content. */
const SNIFF_BYTES = 64 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Guess UTF-16 without a BOM: ASCII/Arabic text in UTF-16 has many zero or 0x06 high bytes. */
function sniffUtf16(buf: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(buf.length - (buf.length % 2), SNIFF_BYTES);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  let evenArabic = 0;
  let oddArabic = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
    if (buf[i] === 0x06) evenArabic++;
    if (buf[i + 1] === 0x06) oddArabic++;
  }
  const pairs = n / 2;
  if ((oddZero + oddArabic) / pairs > 0.6 && evenZero / pairs < 0.05) return "utf-16le";
  if ((evenZero + evenArabic) / pairs > 0.6 && oddZero / pairs < 0.05) return "utf-16be";
  return null;
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / Math.max(1, n) > MAX_CONTROL_RATIO;
}

/** Count well-formed multi-byte UTF-8 sequences and the offset of the first broken one. */
function utf8Shape(buf: Uint8Array): { valid: number; firstInvalid: number } {
  let valid = 0;
  let firstInvalid = -1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { valid, firstInvalid };
}

/** Share of Arabic letters among the letters of a decoded text. */
function arabicShare(s: string): number {
  let arabic = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0621 && c <= 0x064a) {
      arabic++;
      letters++;
    } else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
    else if (c >= 0xc0 && c < 0x0600) letters++;
  }
  return letters === 0 ? 0 : arabic / letters;
}

/**
 * Decode a file's bytes. `subject` names the input in error messages.
 * Throws InputError for empty, binary or undecodable input.
 */
export function decodeBytes(buf: Uint8Array, subject: string): Decoded {
  if (buf.length === 0) throw new InputError(subject, "empty file");
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return decodeUtf8(buf.subarray(3), subject);
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(buf.subarray(2)), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(buf.subarray(2)), encoding: "utf-16be" };
  const utf16 = sniffUtf16(buf);
  if (utf16) return { text: stripBom(new TextDecoder(utf16).decode(buf)), encoding: utf16 };
  if (looksBinary(buf)) throw new InputError(subject, "binary file, not text (expected UTF-8, UTF-16 or Windows-1256 Arabic text or HTML)");
  return decodeUtf8(buf, subject);
}

function decodeUtf8(buf: Uint8Array, subject: string): Decoded {
  try {
    return { text: stripBom(utf8.decode(buf)), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: a legacy Windows-1256 file, or a damaged UTF-8 one.
  }
  const shape = utf8Shape(buf);
  if (shape.valid > 0) {
    throw new InputError(subject, `invalid UTF-8 at byte ${shape.firstInvalid} (the file is damaged or mixes encodings)`);
  }
  const text = new TextDecoder("windows-1256").decode(buf);
  if (arabicShare(text) < 0.3) {
    throw new InputError(subject, "not UTF-8, UTF-16 or Windows-1256 Arabic text");
  }
  return { text, encoding: "windows-1256" };
}
