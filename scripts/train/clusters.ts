/**
 * Learns the word clusters the NER tagger uses (models/ner/clusters.tsv.gz)
 * from the unlabeled news in ../shared/data/news/*.jsonl.
 *
 * Brown clustering is too slow for a ten-minute, one-core budget, so we get
 * the same kind of object (a hierarchy of word classes whose path prefixes
 * are coarser classes) another way:
 *
 *   1. count every word's neighbours at offsets -2, -1, +1, +2 among the
 *      CONTEXTS most frequent tokens (a sparse VOCAB × 4·CONTEXTS matrix);
 *   2. weight it with positive PMI (context counts smoothed by ^0.75);
 *   3. reduce it to DIM dimensions with a randomized SVD (Halko et al.);
 *   4. split the unit-length word vectors by spherical k-means, BRANCH ways
 *      a level, LEVELS levels deep: a word's path is its branch digits.
 *
 * Usage: node dist/scripts/train/clusters.js [--vocab N] [--out DIR]
 */
import { createReadStream, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { type ClusterEntry, WordClusters } from "../../src/nlp/ner/clusters.js";
import { wordKey } from "../../src/nlp/ner/features.js";
import { dataDir, dataFile, MODELS_DIR } from "../../src/paths.js";
import { forEachToken } from "../../src/text/tokenize.js";

/** Hyper-parameters (recorded in clusters.json). */
const PARAMS = {
  vocab: 150_000, // words clustered (most frequent word tokens)
  minCount: 3, // ... seen at least this often
  minCountFreq: 3, // words counted (frequency feature) without a cluster
  contexts: 2000, // context vocabulary (any token kind)
  offsets: [-2, -1, 1, 2],
  cdsAlpha: 0.75, // context distribution smoothing of PPMI
  dim: 100,
  oversample: 20,
  powerIterations: 2,
  branch: 16,
  levels: 4,
  minSplit: 24, // nodes smaller than this are not split further
  kmeansIterations: 12,
  seed: 12345,
};

// Experiment overrides: --param name=value,name=value
for (const kv of (process.argv[process.argv.indexOf("--param") + 1] ?? "").split(",")) {
  if (!process.argv.includes("--param")) break;
  const [k, v] = kv.split("=");
  if (k in PARAMS) (PARAMS as Record<string, unknown>)[k] = Number(v);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

const log = (msg: string) => process.stderr.write(`[clusters ${(process.uptime()).toFixed(0)}s] ${msg}\n`);

/** Stream the token keys of every paragraph of every news article. */
async function forEachParagraph(files: string[], fn: (keys: string[], isWord: boolean[]) => void): Promise<number> {
  let articles = 0;
  for (const file of files) {
    const rl = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (!line.trim()) continue;
      let rec: { title?: string; text?: string };
      try {
        rec = JSON.parse(line);
      } catch {
        continue;
      }
      articles++;
      const body = `${rec.title ?? ""}\n${rec.text ?? ""}`;
      for (const para of body.split(/\n+/)) {
        const keys: string[] = [];
        const isWord: boolean[] = [];
        forEachToken(para, (s, e, kind) => {
          const t = para.slice(s, e);
          keys.push(kind === "word" ? wordKey(t) : kind === "number" ? "<num>" : t);
          isWord.push(kind === "word");
        });
        if (keys.length > 0) fn(keys, isWord);
      }
    }
  }
  return articles;
}

/** Sparse CSR matrix. */
interface Csr {
  rows: number;
  cols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

/** Y = X * M  (X: rows×cols sparse, M: cols×k dense row-major). */
function spmm(x: Csr, m: Float64Array, k: number): Float64Array {
  const y = new Float64Array(x.rows * k);
  for (let r = 0; r < x.rows; r++) {
    const yo = r * k;
    for (let p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
      const v = x.val[p];
      const mo = x.idx[p] * k;
      for (let j = 0; j < k; j++) y[yo + j] += v * m[mo + j];
    }
  }
  return y;
}

/** Y = X^T * M  (M: rows×k). */
function spmmT(x: Csr, m: Float64Array, k: number): Float64Array {
  const y = new Float64Array(x.cols * k);
  for (let r = 0; r < x.rows; r++) {
    const mo = r * k;
    for (let p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
      const v = x.val[p];
      const yo = x.idx[p] * k;
      for (let j = 0; j < k; j++) y[yo + j] += v * m[mo + j];
    }
  }
  return y;
}

/** Orthonormalize the k columns of a rows×k row-major matrix in place (modified Gram-Schmidt). */
function orthonormalize(a: Float64Array, rows: number, k: number): void {
  for (let j = 0; j < k; j++) {
    for (let q = 0; q < j; q++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += a[r * k + j] * a[r * k + q];
      for (let r = 0; r < rows; r++) a[r * k + j] -= dot * a[r * k + q];
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += a[r * k + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < rows; r++) a[r * k + j] /= norm;
  }
}

/** Eigen-decomposition of a symmetric k×k matrix by cyclic Jacobi. Returns values and column eigenvectors. */
function jacobiEigen(s: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - sn * arq;
          a[r * k + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - sn * aqr;
          a[q * k + r] = sn * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - sn * vrq;
          v[r * k + q] = sn * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i];
  return { values, vectors: v };
}

/** Spherical k-means on unit vectors `pts` (indices into vecs, dim d). Returns assignment per point. */
function kmeans(vecs: Float32Array, d: number, pts: Int32Array, k: number, iters: number, r: () => number): Int32Array {
  const n = pts.length;
  const assign = new Int32Array(n);
  const cent = new Float64Array(k * d);
  // k-means++ seeding (on cosine distance).
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let pick = Math.floor(r() * n);
  for (let c = 0; c < k; c++) {
    const po = pts[pick] * d;
    for (let j = 0; j < d; j++) cent[c * d + j] = vecs[po + j];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const o = pts[i] * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += vecs[o + j] * cent[c * d + j];
      const dd = Math.max(0, 1 - dot);
      if (dd < dist[i]) dist[i] = dd;
      total += dist[i] * dist[i];
    }
    let x = r() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      x -= dist[i] * dist[i];
      if (x <= 0) {
        pick = i;
        break;
      }
    }
  }
  for (let it = 0; it < iters; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const o = pts[i] * d;
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const co = c * d;
        for (let j = 0; j < d; j++) dot += vecs[o + j] * cent[co + j];
        if (dot > best) {
          best = dot;
          arg = c;
        }
      }
      if (assign[i] !== arg) changed++;
      assign[i] = arg;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) {
      const o = pts[i] * d;
      const co = assign[i] * d;
      for (let j = 0; j < d; j++) cent[co + j] += vecs[o + j];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += cent[c * d + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) {
        // Empty cluster: re-seed on a random point.
        const po = pts[Math.floor(r() * n)] * d;
        for (let j = 0; j < d; j++) cent[c * d + j] = vecs[po + j];
      } else for (let j = 0; j < d; j++) cent[c * d + j] /= norm;
    }
    if (changed === 0 && it > 0) break;
  }
  return assign;
}

/** Learn the clusters and write clusters.tsv.gz + clusters.json into `outDir`. */
export async function trainClusters(outDir: string, vocabSize = PARAMS.vocab): Promise<void> {
  const newsDir = dataFile("news");
  if (!newsDir) throw new Error(`news data not found under ${dataDir()} (set MARSAD_DATA)`);
  const files = readdirSync(newsDir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => join(newsDir, f));
  const r = rng(PARAMS.seed);

  // Pass 1: frequencies.
  const freq = new Map<string, number>();
  const wordFreq = new Map<string, number>();
  let tokens = 0;
  const articles = await forEachParagraph(files, (keys, isWord) => {
    for (let i = 0; i < keys.length; i++) {
      freq.set(keys[i], (freq.get(keys[i]) ?? 0) + 1);
      if (isWord[i]) wordFreq.set(keys[i], (wordFreq.get(keys[i]) ?? 0) + 1);
    }
    tokens += keys.length;
  });
  log(`${articles} articles, ${tokens} tokens, ${wordFreq.size} word types`);
  const vocab = [...wordFreq]
    .filter(([, c]) => c >= PARAMS.minCount)
    .sort((a, b) => b[1] - a[1])
    .slice(0, vocabSize)
    .map(([w]) => w);
  const contexts = [...freq]
    .sort((a, b) => b[1] - a[1])
    .slice(0, PARAMS.contexts)
    .map(([w]) => w);
  const vIndex = new Map(vocab.map((w, i) => [w, i]));
  const cIndex = new Map(contexts.map((w, i) => [w, i]));
  const C = contexts.length;
  const nOff = PARAMS.offsets.length;
  const cols = C * nOff;
  log(`vocab ${vocab.length} (min count ${wordFreq.get(vocab[vocab.length - 1])}), contexts ${C}`);

  // Pass 2: co-occurrence pairs as packed keys row*cols+col, then sort and count.
  let pairs = new Uint32Array(1 << 24);
  let np = 0;
  const push = (key: number) => {
    if (np === pairs.length) {
      const bigger = new Uint32Array(pairs.length * 2);
      bigger.set(pairs);
      pairs = bigger;
    }
    pairs[np++] = key;
  };
  if (vocab.length * cols >= 2 ** 32) throw new Error("vocab × contexts too large for packed keys");
  await forEachParagraph(files, (keys) => {
    const n = keys.length;
    const vi = new Int32Array(n);
    const ci = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      vi[i] = vIndex.get(keys[i]) ?? -1;
      ci[i] = cIndex.get(keys[i]) ?? -1;
    }
    for (let i = 0; i < n; i++) {
      if (vi[i] < 0) continue;
      for (let o = 0; o < nOff; o++) {
        const j = i + PARAMS.offsets[o];
        if (j < 0 || j >= n || ci[j] < 0) continue;
        push(vi[i] * cols + o * C + ci[j]);
      }
    }
  });
  log(`${np} co-occurrences; sorting`);
  const sorted = pairs.subarray(0, np).sort();
  // Compress into CSR counts.
  const ptr = new Int32Array(vocab.length + 1);
  const idxList: number[] = [];
  const cntList: number[] = [];
  for (let p = 0; p < np; ) {
    const key = sorted[p];
    let q = p + 1;
    while (q < np && sorted[q] === key) q++;
    const row = Math.floor(key / cols);
    ptr[row + 1]++;
    idxList.push(key - row * cols);
    cntList.push(q - p);
    p = q;
  }
  for (let i = 0; i < vocab.length; i++) ptr[i + 1] += ptr[i];
  pairs = new Uint32Array(0);
  const nnz = idxList.length;
  const idx = Int32Array.from(idxList);
  const val = new Float32Array(nnz);
  // PPMI with smoothed context distribution.
  const rowSum = new Float64Array(vocab.length);
  const colSum = new Float64Array(cols);
  let total = 0;
  for (let rr = 0; rr < vocab.length; rr++) {
    for (let p = ptr[rr]; p < ptr[rr + 1]; p++) {
      rowSum[rr] += cntList[p];
      colSum[idx[p]] += cntList[p];
      total += cntList[p];
    }
  }
  let colAlphaTotal = 0;
  const colAlpha = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    colAlpha[c] = colSum[c] ** PARAMS.cdsAlpha;
    colAlphaTotal += colAlpha[c];
  }
  for (let rr = 0; rr < vocab.length; rr++) {
    for (let p = ptr[rr]; p < ptr[rr + 1]; p++) {
      const pmi = Math.log(cntList[p] / total / ((rowSum[rr] / total) * (colAlpha[idx[p]] / colAlphaTotal)));
      val[p] = Math.max(pmi, 0);
    }
  }
  const x: Csr = { rows: vocab.length, cols, ptr, idx, val };
  log(`PPMI matrix ${vocab.length}×${cols}, ${nnz} non-zeros; randomized SVD`);

  // Randomized SVD: Q = orth(X Ω), power iterations, B = Qᵀ X, eig(B Bᵀ).
  const k = PARAMS.dim + PARAMS.oversample;
  const omega = new Float64Array(cols * k);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(r);
  let q = spmm(x, omega, k);
  orthonormalize(q, x.rows, k);
  for (let it = 0; it < PARAMS.powerIterations; it++) {
    const z = spmmT(x, q, k);
    orthonormalize(z, cols, k);
    q = spmm(x, z, k);
    orthonormalize(q, x.rows, k);
  }
  const bt = spmmT(x, q, k); // cols×k = (Qᵀ X)ᵀ
  const bbt = new Float64Array(k * k);
  for (let c = 0; c < cols; c++) {
    const o = c * k;
    for (let i = 0; i < k; i++) {
      const bi = bt[o + i];
      if (bi === 0) continue;
      for (let j = i; j < k; j++) bbt[i * k + j] += bi * bt[o + j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) bbt[i * k + j] = bbt[j * k + i];
  const { values, vectors } = jacobiEigen(bbt, k);
  const order = [...values.keys()].sort((a, b) => values[b] - values[a]).slice(0, PARAMS.dim);
  const d = PARAMS.dim;
  // Word vectors: Q U S^0.5, unit length.
  const vecs = new Float32Array(x.rows * d);
  for (let rr = 0; rr < x.rows; rr++) {
    let norm = 0;
    for (let a = 0; a < d; a++) {
      const e = order[a];
      const s = Math.sqrt(Math.sqrt(Math.max(values[e], 0)));
      let dot = 0;
      for (let j = 0; j < k; j++) dot += q[rr * k + j] * vectors[j * k + e];
      vecs[rr * d + a] = dot * s;
      norm += (dot * s) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let a = 0; a < d; a++) vecs[rr * d + a] /= norm;
  }
  log(
    `top singular values ${order
      .slice(0, 5)
      .map((e) => Math.sqrt(values[e]).toFixed(1))
      .join(" ")}; k-means`,
  );

  // Hierarchical spherical k-means.
  const paths: string[] = new Array(x.rows).fill("");
  let nodes: Int32Array[] = [Int32Array.from(vocab.keys())];
  for (let level = 0; level < PARAMS.levels; level++) {
    const next: Int32Array[] = [];
    for (const node of nodes) {
      if (node.length < PARAMS.minSplit) continue;
      const assign = kmeans(vecs, d, node, PARAMS.branch, PARAMS.kmeansIterations, r);
      const groups: number[][] = Array.from({ length: PARAMS.branch }, () => []);
      for (let i = 0; i < node.length; i++) {
        groups[assign[i]].push(node[i]);
        paths[node[i]] += assign[i].toString(16);
      }
      for (const g of groups) if (g.length > 0) next.push(Int32Array.from(g));
    }
    nodes = next;
    log(`level ${level + 1}: ${nodes.length} clusters`);
  }
  const map = new Map<string, ClusterEntry>();
  for (let i = 0; i < vocab.length; i++) map.set(vocab[i], { path: paths[i], count: wordFreq.get(vocab[i]) ?? 0 });
  for (const [w, c] of wordFreq) if (c >= PARAMS.minCountFreq && !map.has(w)) map.set(w, { path: "", count: c });
  const clusters = new WordClusters(map);
  mkdirSync(outDir, { recursive: true });
  const buf = clusters.serialize();
  writeFileSync(join(outDir, "clusters.tsv.gz"), buf);
  const meta = {
    built: new Date().toISOString(),
    data: files.map((f) => f.slice(dataDir().length + 1)),
    articles,
    tokens,
    words: vocab.length,
    counted: map.size,
    params: PARAMS,
    bytes: buf.length,
  };
  writeFileSync(join(outDir, "clusters.json"), `${JSON.stringify(meta, null, 2)}\n`);
  log(`wrote ${join(outDir, "clusters.tsv.gz")} (${buf.length} bytes)`);
  // A few neighbours as a sanity check.
  for (const probe of ["موسكو", "بوتين", "شركه", "الثلاثاء"]) {
    const path = map.get(probe)?.path;
    if (path === undefined) continue;
    const same = vocab.filter((w) => map.get(w)?.path === path).slice(0, 12);
    log(`${probe} [${path}]: ${same.join(" ")}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  trainClusters(arg("--out") ?? join(MODELS_DIR, "ner"), Number(arg("--vocab") ?? PARAMS.vocab)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
