/**
 * An evaluation: `marsad eval <name>` runs it against gold data and prints
 * figures next to their targets. Each lives in src/eval/<name>.ts and is
 * listed in src/eval/registry.ts.
 */
export interface EvalOptions {
  /** Path given with --gold, or null for the default file under the data dir. */
  gold: string | null;
  /** Extra flags a particular evaluation understands (--limit, --db, ...). */
  flags: Record<string, string | boolean | undefined>;
  /** Report progress (stderr); a no-op when not a terminal. */
  progress: (done: number, total: number) => void;
}

export interface Figure {
  /** Name of the figure, e.g. "words F1". */
  name: string;
  value: number;
  /** Target to meet, if the issue sets one. */
  target?: number;
  /** true when higher is better (default), false for latencies and errors. */
  higherIsBetter?: boolean;
}

export interface EvalResult {
  eval: string;
  gold: string;
  /** Headline figures for the scoreboard. */
  figures: Figure[];
  /** Everything else, printed with --json. */
  details: Record<string, unknown>;
}

export interface Evaluation {
  name: string;
  summary: string;
  /** Default gold file, relative to the data dir. */
  defaultGold: string;
  /** Help text for the flags this evaluation adds. */
  flagsHelp?: string;
  run(opts: EvalOptions): Promise<EvalResult>;
}
