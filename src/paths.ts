/**
 * Where things live: the repository root (for models/ and examples/) and the
 * shared data directory used for training, evaluation and benchmarks.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  // Compiled files live in dist/src/, sources in src/: walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("marsad: cannot find the package root");
}

export const ROOT = findRoot();
export const MODELS_DIR = join(ROOT, "models");
export const EXAMPLES_DIR = join(ROOT, "examples");

/** The shared data directory: $MARSAD_DATA, else ../shared/data beside the repo. */
export function dataDir(): string {
  return process.env.MARSAD_DATA ? resolve(process.env.MARSAD_DATA) : resolve(ROOT, "..", "shared", "data");
}

/** The reference article directory: beside the data directory. */
export function seedDir(): string {
  return resolve(dataDir(), "..", "seed");
}

/** A file under the data directory, or null when it is not there. */
export function dataFile(...parts: string[]): string | null {
  const p = join(dataDir(), ...parts);
  return existsSync(p) ? p : null;
}
