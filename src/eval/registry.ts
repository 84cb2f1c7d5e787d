/**
 * The evaluations `marsad eval` knows. Add one line per evaluation.
 */
import { analyzerEval } from "./analyzer.js";
import { datesEval } from "./dates.js";
import { eventsEval } from "./events.js";
import { nerEval } from "./ner.js";
import { searchEval } from "./search.js";
import { segEval } from "./seg.js";
import { summaryEval } from "./summary.js";
import { topicsEval } from "./topics.js";
import type { Evaluation } from "./types.js";

export const EVALUATIONS: Evaluation[] = [datesEval, topicsEval, segEval, analyzerEval, searchEval, nerEval, eventsEval, summaryEval];
