/**
 * Text with highlights, built as an array of elements from offsets: the only
 * way the UI ever shows article text. Nothing is parsed as HTML (there is no
 * dangerouslySetInnerHTML anywhere in web/), so an article containing
 * "<script>" shows those characters as text.
 *
 * Marks may overlap (a person's name inside a quote, an event trigger inside
 * a sentence that is quoted): the text is cut at every mark boundary into
 * elementary pieces, and each piece carries the classes of every mark that
 * covers it. A piece covered by a linked mark becomes a link.
 */
import type { ComponentChildren } from "preact";

export interface Mark {
  start: number;
  end: number;
  /** CSS classes of the mark ("ent ent-PER", "quote", "hit"). */
  cls: string;
  href?: string;
  title?: string;
  /** Render as <mark> (search hits) instead of <span>. */
  tag?: "mark";
}

export interface Piece {
  start: number;
  end: number;
  marks: Mark[];
}

/** The pieces of [from, to) cut at every boundary of `marks` (marks outside the range are ignored). */
export function cut(from: number, to: number, marks: readonly Mark[]): Piece[] {
  const inside = marks.filter((m) => m.end > from && m.start < to && m.end > m.start);
  const edges = new Set<number>([from, to]);
  for (const m of inside) {
    edges.add(Math.max(from, m.start));
    edges.add(Math.min(to, m.end));
  }
  const points = [...edges].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    pieces.push({ start: a, end: b, marks: inside.filter((m) => m.start <= a && m.end >= b) });
  }
  return pieces;
}

/** `text[from, to)` as text nodes and elements, highlighted by `marks`. */
export function highlighted(text: string, marks: readonly Mark[], from = 0, to = text.length): ComponentChildren[] {
  return cut(from, to, marks).map((p) => {
    const s = text.slice(p.start, p.end);
    if (p.marks.length === 0) return s;
    const cls = [...new Set(p.marks.flatMap((m) => m.cls.split(" ")))].join(" ");
    const title =
      p.marks
        .map((m) => m.title)
        .filter(Boolean)
        .join(" · ") || undefined;
    const link = p.marks.find((m) => m.href)?.href;
    const key = `${p.start}-${p.end}`;
    if (link) {
      return (
        <a key={key} class={cls} href={link} title={title}>
          {s}
        </a>
      );
    }
    if (p.marks.some((m) => m.tag === "mark")) {
      return (
        <mark key={key} class={cls} title={title}>
          {s}
        </mark>
      );
    }
    return (
      <span key={key} class={cls} title={title}>
        {s}
      </span>
    );
  });
}

/** Search-hit highlights (offsets into `text`) as marks. */
export const hitMarks = (hs: ReadonlyArray<{ start: number; end: number }>): Mark[] =>
  hs.map((h) => ({ ...h, cls: "hit", tag: "mark" as const }));
