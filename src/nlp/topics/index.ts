/**
 * The topics stage: ANT section labels (internationalNews, economy, sport,
 * …) for an article, from the linear model in models/topics/model.json
 * (trained by scripts/train/topics.ts; see models/topics/README.md for the
 * data, the labels and the dev scores). Fills `topics[]`; reads `text` and
 * `title`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../errors.js";
import { MODELS_DIR } from "../../paths.js";
import { LinearTopicModel, type TopicModel, type TopicModelFile } from "./model.js";

export type { TopicModel } from "./model.js";

export const TOPIC_MODEL_PATH = join(MODELS_DIR, "topics", "model.json");

let cached: LinearTopicModel | null = null;

/**
 * The topic model, loaded once. A missing or damaged file is an InputError
 * (the model is committed, so that means a broken install or a bad --model path).
 */
export function loadTopics(path = TOPIC_MODEL_PATH): LinearTopicModel {
  if (path === TOPIC_MODEL_PATH && cached) return cached;
  let model: LinearTopicModel;
  try {
    model = LinearTopicModel.fromFile(JSON.parse(readFileSync(path, "utf8")) as TopicModelFile);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(
      path,
      err.code === "ENOENT" ? "topic model not found (run node dist/scripts/train/topics.js)" : `unusable topic model: ${err.message}`,
    );
  }
  if (path === TOPIC_MODEL_PATH) cached = model;
  return model;
}

/** Convenience for callers holding no model: classify with the default one. */
export function classifyTopics(doc: Parameters<TopicModel["classify"]>[0]) {
  return loadTopics().classify(doc);
}
