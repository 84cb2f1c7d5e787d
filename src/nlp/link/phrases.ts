/**
 * Phrase matching on normalized tokens, shared by the title, nationality and
 * country tables of the linker: a token trie (longest match wins) and the
 * one-letter proclitics a phrase's first word may carry in running text
 * (والرئيس، بالصين، للأمم = ل + الأمم).
 */
import { normalizeKey } from "../../text/normalize.js";

/** One-letter proclitics that may stand before a name or title. */
const CONJUNCTIONS = ["و", "ف"];
const PREPOSITIONS = ["ب", "ل", "ك"];

/**
 * The forms a normalized word may have once its one-letter proclitics are
 * removed, the word itself first. "للامم" → ["للامم", "لامم", "الامم"];
 * "والصين" → ["والصين", "الصين"]. A stripped form is only offered when at
 * least two letters remain (و alone is not a word).
 */
export function procliticForms(word: string): string[] {
  const out = [word];
  const add = (w: string) => {
    if (w.length >= 2 && !out.includes(w)) out.push(w);
  };
  const afterConj = CONJUNCTIONS.includes(word[0]) ? word.slice(1) : null;
  for (const w of afterConj ? [word, afterConj] : [word]) {
    if (w !== word) add(w);
    if (PREPOSITIONS.includes(w[0])) {
      const rest = w.slice(1);
      add(rest);
      // ل + ال assimilates: للأمم is ل + الأمم.
      if (w[0] === "ل" && rest.startsWith("ل")) add(`ا${rest}`);
    }
  }
  return out;
}

/** Token sequences → values, longest match first. */
export class TokenTrie<V> {
  private readonly root: TrieNode<V> = { next: new Map(), value: undefined };

  /** Adds a phrase (written naturally; normalized and split on spaces here). */
  add(phrase: string, value: V): void {
    const toks = normalizeKey(phrase).split(/\s+/).filter(Boolean);
    if (toks.length === 0) return;
    let node = this.root;
    for (const t of toks) {
      let n = node.next.get(t);
      if (!n) {
        n = { next: new Map(), value: undefined };
        node.next.set(t, n);
      }
      node = n;
    }
    if (node.value === undefined) node.value = value;
  }

  /**
   * Longest phrase starting at tokens[from]. The first token may carry
   * proclitics when `proclitics` is true. Returns the end (exclusive), the
   * value, and the form of the first token that matched (proclitics removed).
   */
  match(tokens: ReadonlyArray<string>, from: number, proclitics = true): { end: number; value: V; first: string } | null {
    if (from >= tokens.length) return null;
    let best: { end: number; value: V; first: string } | null = null;
    const firsts = proclitics ? procliticForms(tokens[from]) : [tokens[from]];
    for (const first of firsts) {
      let node = this.root.next.get(first);
      let i = from + 1;
      while (node) {
        if (node.value !== undefined && (!best || i > best.end)) best = { end: i, value: node.value, first };
        if (i >= tokens.length) break;
        node = node.next.get(tokens[i]);
        i++;
      }
    }
    return best;
  }
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  value: V | undefined;
}
