/**
 * Charts drawn as inline SVG, no chart library: a bar chart of counts per
 * period (entity timeline) and a two-sided stacked chart of events per month
 * (or day) and type (dyad: one actor's actions above the axis, the other's
 * below; entity: events by it above, events aimed at it below).
 * Time runs left to right (the SVG is laid out dir="ltr", as dates and
 * numbers are); each bar has a <title> for its exact value.
 */
import { dateText, eventName, L, num } from "./labels.js";

/** Colours of event types: greens for cooperation, blue for requests, oranges and reds for conflict, teal for de-escalation. */
export const TYPE_COLORS: Record<string, string> = {
  AGREE: "#2e7d32",
  CONSULT: "#7cb342",
  SUPPORT: "#c0ca33",
  COOPERATE: "#26a69a",
  AID: "#00897b",
  REQUEST: "#42a5f5",
  DEMAND: "#1565c0",
  ACCUSE: "#ffa726",
  REJECT: "#fb8c00",
  DISAPPROVE: "#ffca28",
  THREATEN: "#f4511e",
  PROTEST: "#ab47bc",
  SANCTION: "#8e24aa",
  MOBILIZE: "#8d6e63",
  COERCE: "#e53935",
  ASSAULT: "#b71c1c",
  RETREAT: "#80cbc4",
  CONCEDE: "#9ccc65",
};
const OTHER_COLOR = "#90a4ae";
export const typeColor = (t: string): string => TYPE_COLORS[t] ?? OTHER_COLOR;

/** Most bars drawn; a longer day range should be asked for by month. */
const MAX_BARS = 800;
const W = 640;
const H = 190;
const M = { left: 40, right: 8, top: 12, bottom: 30 };

/** Every period from the first to the last one (YYYY-MM or YYYY-MM-DD), so gaps show as zero. */
export function periods(first: string, last: string): string[] {
  const day = first.length === 10;
  const out: string[] = [];
  const d = new Date(`${day ? first : `${first}-01`}T00:00:00Z`);
  const end = new Date(`${day ? last : `${last}-01`}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || Number.isNaN(end.getTime())) return [first];
  while (d <= end && out.length < MAX_BARS) {
    out.push(d.toISOString().slice(0, day ? 10 : 7));
    if (day) d.setUTCDate(d.getUTCDate() + 1);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

function Axis({ labels, max, y0, plotH }: { labels: string[]; max: number; y0: number; plotH: number }) {
  const n = labels.length;
  const bw = (W - M.left - M.right) / n;
  const ticks = n <= 3 ? labels.map((_, i) => i) : [0, Math.floor((n - 1) / 2), n - 1];
  return (
    <g class="axis">
      <line x1={M.left} x2={W - M.right} y1={y0} y2={y0} />
      <text x={M.left - 6} y={y0 - plotH + 4} text-anchor="end">
        {num(max)}
      </text>
      <text x={M.left - 6} y={y0 + 4} text-anchor="end">
        0
      </text>
      {ticks.map((i) => (
        <text key={i} x={M.left + bw * i + bw / 2} y={H - 8} text-anchor={i === 0 ? "start" : i === n - 1 ? "end" : "middle"}>
          {dateText(labels[i])}
        </text>
      ))}
    </g>
  );
}

export function BarChart({ points, label }: { points: Array<{ period: string; value: number }>; label: string }) {
  if (points.length === 0) return null;
  const labels = periods(points[0].period, points[points.length - 1].period);
  const byPeriod = new Map(points.map((p) => [p.period, p.value]));
  const max = Math.max(1, ...points.map((p) => p.value));
  const plotH = H - M.top - M.bottom;
  const y0 = M.top + plotH;
  const bw = (W - M.left - M.right) / labels.length;
  return (
    <div class="chart" dir="ltr">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {labels.map((p, i) => {
          const v = byPeriod.get(p) ?? 0;
          const h = (v / max) * plotH;
          return (
            <rect key={p} class="bar" x={M.left + i * bw + bw * 0.1} width={Math.max(1, bw * 0.8)} y={y0 - h} height={h}>
              <title>{`${dateText(p)}: ${num(v)}`}</title>
            </rect>
          );
        })}
        <Axis labels={labels} max={max} y0={y0} plotH={plotH} />
      </svg>
    </div>
  );
}

type Counts = Array<{ period: string; type: string; events: number }>;

/** Events per period (month or day) and type: `up` above the axis, `down` below. */
export function DyadChart({ up, down, label }: { up: Counts; down: Counts; label: string }) {
  const all = [...up, ...down].map((c) => c.period).sort();
  if (all.length === 0) return null;
  const labels = periods(all[0], all[all.length - 1]);
  const total = (cs: Counts, p: string) => cs.filter((c) => c.period === p).reduce((s, c) => s + c.events, 0);
  const max = Math.max(1, ...labels.map((p) => Math.max(total(up, p), total(down, p))));
  const half = (H - M.top - M.bottom) / 2;
  const mid = M.top + half;
  const bw = (W - M.left - M.right) / labels.length;
  const bars = (cs: Counts, sign: 1 | -1) =>
    labels.flatMap((p, i) => {
      let acc = 0;
      return cs
        .filter((c) => c.period === p)
        .map((c) => {
          const h = (c.events / max) * half;
          const y = sign === 1 ? mid - acc - h : mid + acc;
          acc += h;
          return (
            <rect
              key={`${sign}${p}${c.type}`}
              class={sign === 1 ? "evbar up" : "evbar down"}
              x={M.left + i * bw + bw * 0.1}
              width={Math.max(1, bw * 0.8)}
              y={y}
              height={h}
              fill={typeColor(c.type)}
            >
              <title>{`${dateText(p)} · ${eventName(c.type)}: ${num(c.events)}`}</title>
            </rect>
          );
        });
    });
  return (
    <div class="chart" dir="ltr">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} class="dyad-svg">
        {bars(up, 1)}
        {bars(down, -1)}
        <Axis labels={labels} max={max} y0={mid} plotH={half} />
      </svg>
    </div>
  );
}

/** Colour key for the event types present, with how many events of each when `counts` is given. */
export function TypeLegend({ types, counts }: { types: string[]; counts?: Counts }) {
  if (types.length === 0) return null;
  const n = (t: string) => (counts ?? []).filter((c) => c.type === t).reduce((s, c) => s + c.events, 0);
  return (
    <ul class="legend" aria-label={L.legend}>
      {types.map((t) => (
        <li key={t} data-type={t}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={typeColor(t)} />
          </svg>
          {eventName(t)}
          {counts && <span class="count"> {num(n(t))}</span>}
        </li>
      ))}
    </ul>
  );
}
