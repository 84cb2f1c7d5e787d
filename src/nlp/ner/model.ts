/**
 * The trained NER weights: how they are stored (models/ner/weights.bin.gz)
 * and how the tagger looks them up.
 *
 * On disk (gzipped, little-endian):
 *   magic "MNER" | u32 version | u32 labels | u32 rows | u32 bits (8|16)
 *   f32 scale | u32[rows] feature hashes (sorted) | i8/i16[rows×labels]
 *   quantized weights (w = q × scale) | f32[(labels+1)×labels] transitions
 *
 * In memory the hashes go into an open-addressing table (linear probing,
 * load ≤ 0.5) that maps a feature hash to its row, and the weights are
 * dequantized into one Float32Array: a lookup is a multiply, a shift and
 * usually one probe.
 */
import { gunzipSync, gzipSync } from "node:zlib";

const MAGIC = 0x52454e4d; // "MNER" little-endian
const VERSION = 1;

export class NerModel {
  /** Open-addressing table: slot → feature hash, and slot → row (-1 = empty). */
  private readonly slotKeys: Uint32Array;
  private readonly slotRows: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(
    /** Feature hash of each row. */
    readonly keys: Uint32Array,
    /** rows × labels weights. */
    readonly weights: Float32Array,
    /** (labels+1) × labels transition weights; row `labels` is the start. */
    readonly trans: Float32Array,
    readonly labels: number,
  ) {
    let bits = 4;
    while (1 << bits < keys.length * 2) bits++;
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    this.slotKeys = new Uint32Array(1 << bits);
    this.slotRows = new Int32Array(1 << bits).fill(-1);
    for (let r = 0; r < keys.length; r++) {
      let s = Math.imul(keys[r], 0x9e3779b1) >>> this.shift;
      while (this.slotRows[s] !== -1) {
        if (this.slotKeys[s] === keys[r]) throw new Error(`NerModel: duplicate feature hash ${keys[r]}`);
        s = (s + 1) & this.mask;
      }
      this.slotKeys[s] = keys[r];
      this.slotRows[s] = r;
    }
  }

  get rows(): number {
    return this.keys.length;
  }

  /** The row of a feature hash, or -1 when the model has no weights for it. */
  row(h: number): number {
    let s = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const r = this.slotRows[s];
      if (r === -1 || this.slotKeys[s] === h) return r;
      s = (s + 1) & this.mask;
    }
  }

  /** Add the weights of feature `h` to scores[base .. base+labels). */
  add(h: number, scores: Float32Array, base: number): void {
    const r = this.row(h);
    if (r < 0) return;
    const w = this.weights;
    const o = r * this.labels;
    for (let y = 0; y < this.labels; y++) scores[base + y] += w[o + y];
  }

  /**
   * Two models over the same labels as one table whose rows hold 2 × labels
   * weights (a's, then b's; zeros where a model lacks the feature): one
   * lookup per feature scores both. Transitions are a's (unused by callers).
   */
  static joint(a: NerModel, b: NerModel): NerModel {
    const L = a.labels;
    if (b.labels !== L) throw new Error("NerModel.joint: label counts differ");
    const index = new Map<number, number>();
    const keys: number[] = [];
    for (const k of a.keys) if (!index.has(k)) index.set(k, keys.push(k) - 1);
    for (const k of b.keys) if (!index.has(k)) index.set(k, keys.push(k) - 1);
    const w = new Float32Array(keys.length * 2 * L);
    for (let r = 0; r < a.keys.length; r++) w.set(a.weights.subarray(r * L, r * L + L), (index.get(a.keys[r]) as number) * 2 * L);
    for (let r = 0; r < b.keys.length; r++) w.set(b.weights.subarray(r * L, r * L + L), (index.get(b.keys[r]) as number) * 2 * L + L);
    return new NerModel(Uint32Array.from(keys), w, a.trans, 2 * L);
  }

  /**
   * Serialize with weights quantized to `bits` (8 or 16) bits. Rows are
   * sorted by hash (so the output is deterministic and compresses better).
   */
  serialize(bits: 8 | 16 = 16): Buffer {
    const n = this.keys.length;
    const L = this.labels;
    const order = [...this.keys.keys()].sort((a, b) => this.keys[a] - this.keys[b]);
    let maxAbs = 0;
    for (const v of this.weights) if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
    const qmax = bits === 8 ? 127 : 32767;
    const scale = maxAbs > 0 ? maxAbs / qmax : 1;
    const head = Buffer.alloc(24);
    head.writeUInt32LE(MAGIC, 0);
    head.writeUInt32LE(VERSION, 4);
    head.writeUInt32LE(L, 8);
    head.writeUInt32LE(n, 12);
    head.writeUInt32LE(bits, 16);
    head.writeFloatLE(scale, 20);
    const keys = new Uint32Array(n);
    const q = bits === 8 ? new Int8Array(n * L) : new Int16Array(n * L);
    for (let i = 0; i < n; i++) {
      const r = order[i];
      keys[i] = this.keys[r];
      for (let y = 0; y < L; y++) q[i * L + y] = Math.round(this.weights[r * L + y] / scale);
    }
    // Transposed weight layout (label-major) compresses better: columns are runs of small values.
    const qt = bits === 8 ? new Int8Array(n * L) : new Int16Array(n * L);
    for (let i = 0; i < n; i++) for (let y = 0; y < L; y++) qt[y * n + i] = q[i * L + y];
    const body = Buffer.concat([
      head,
      Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength),
      Buffer.from(qt.buffer, qt.byteOffset, qt.byteLength),
      Buffer.from(this.trans.buffer, this.trans.byteOffset, this.trans.byteLength),
    ]);
    return gzipSync(body, { level: 9 });
  }

  static parse(gz: Buffer, source = "weights"): NerModel {
    let buf: Buffer;
    try {
      buf = gunzipSync(gz);
    } catch {
      throw new Error(`${source}: not a gzipped NER model`);
    }
    if (buf.length < 24 || buf.readUInt32LE(0) !== MAGIC) throw new Error(`${source}: not a Marsad NER model`);
    const version = buf.readUInt32LE(4);
    if (version !== VERSION) throw new Error(`${source}: model version ${version}, this code reads ${VERSION}`);
    const L = buf.readUInt32LE(8);
    const n = buf.readUInt32LE(12);
    const bits = buf.readUInt32LE(16);
    const scale = buf.readFloatLE(20);
    const bytesPer = bits === 8 ? 1 : 2;
    const expected = 24 + n * 4 + n * L * bytesPer + (L + 1) * L * 4;
    if ((bits !== 8 && bits !== 16) || buf.length !== expected) throw new Error(`${source}: truncated or damaged NER model`);
    // Copy out of the (possibly unaligned) buffer.
    const raw = new Uint8Array(buf.buffer, buf.byteOffset, buf.length).slice();
    let off = 24;
    const keys = new Uint32Array(raw.buffer, off, n);
    off += n * 4;
    const qt = bits === 8 ? new Int8Array(raw.buffer, off, n * L) : new Int16Array(raw.buffer, off, n * L);
    off += n * L * bytesPer;
    const trans = new Float32Array(raw.slice(off, off + (L + 1) * L * 4).buffer); // may be unaligned in raw
    const weights = new Float32Array(n * L);
    for (let y = 0; y < L; y++) for (let i = 0; i < n; i++) weights[i * L + y] = qt[y * n + i] * scale;
    return new NerModel(keys.slice(), weights, trans, L);
  }
}
