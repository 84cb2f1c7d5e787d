/**
 * A small CoNLL-U reader for the evaluations that score against Universal
 * Dependencies gold (seg, analyzer). It keeps what those need: the sentence
 * text (`# text =`), the syntactic words with form, lemma, UPOS and MISC,
 * and the multiword-token ranges when a file has them. Empty nodes (8.1) are
 * skipped; malformed lines are InputErrors naming file and line.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";

export interface ConlluWord {
  id: number;
  form: string;
  lemma: string;
  upos: string;
  misc: string;
  /** false when MISC has SpaceAfter=No. */
  spaceAfter: boolean;
}

export interface ConlluRange {
  /** First and last word id covered by a multiword token line ("3-4"). */
  first: number;
  last: number;
  form: string;
}

export interface ConlluSentence {
  id: string;
  /** The `# text =` comment; "" when the file has none for this sentence. */
  text: string;
  words: ConlluWord[];
  ranges: ConlluRange[];
  /** 1-based line of the first line of the sentence, for messages. */
  line: number;
}

/** Parse CoNLL-U text. `name` is used in error messages. */
export function parseConllu(src: string, name = "<conllu>"): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let cur: ConlluSentence | null = null;
  const lines = src.split(/\r?\n/);
  const flush = () => {
    if (cur && cur.words.length > 0) out.push(cur);
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (cur === null) cur = { id: "", text: "", words: [], ranges: [], line: i + 1 };
    if (line.startsWith("#")) {
      const m = /^#\s*(sent_id|text)\s*=\s?(.*)$/.exec(line);
      if (m) {
        if (m[1] === "sent_id") cur.id = m[2].trim();
        else cur.text = m[2];
      }
      continue;
    }
    const f = line.split("\t");
    if (f.length !== 10) throw new InputError(`${name}:${i + 1}`, `expected 10 tab-separated columns, found ${f.length}`);
    const id = f[0];
    if (/^\d+\.\d+$/.test(id)) continue; // empty node
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) {
      cur.ranges.push({ first: Number(range[1]), last: Number(range[2]), form: f[1] });
      continue;
    }
    if (!/^\d+$/.test(id)) throw new InputError(`${name}:${i + 1}`, `bad word id "${id}"`);
    if (f[1] === "") throw new InputError(`${name}:${i + 1}`, "empty FORM");
    cur.words.push({
      id: Number(id),
      form: f[1],
      lemma: f[2],
      upos: f[3],
      misc: f[9],
      spaceAfter: !f[9].split("|").includes("SpaceAfter=No"),
    });
  }
  flush();
  for (const s of out) if (!s.id) s.id = `line-${s.line}`;
  return out;
}

/** Read and parse a CoNLL-U file. */
export function readConllu(path: string): ConlluSentence[] {
  let src: string;
  try {
    src = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : "cannot read file");
  }
  const sents = parseConllu(src, path);
  if (sents.length === 0) throw new InputError(path, "no sentences (is this CoNLL-U?)");
  return sents;
}
