import { WORD_BLOCK } from "./hashedFeatures.js";
import { FeatureTable } from "./featureTable.js";

/**
 * A multinomial logistic regression over hashed text features: the part of routing that learns how
 * citizens write from the shared corpus, so that wording nobody wrote down still lands on the right
 * topic. Trained when knowledge loads (never on the request path), deterministically: the same
 * examples always give the same weights, so a route can be explained and reproduced.
 */
export interface TrainingExample {
  readonly features: readonly number[];
  readonly label: number;
  /** how much the example counts (keywords are short and count less than whole messages) */
  readonly weight?: number;
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty, applied lazily to the weights an example touches */
  readonly l2: number;
  /** features seen in fewer examples than this are dropped: they are noise and memory */
  readonly minCount: number;
  readonly seed: number;
  /**
   * 0..1: how far the classes' sizes are evened out (each example weighs (mean size / its class's
   * size) ^ balance). The safety topics have the most examples; unbalanced, the model would lean to
   * them for anything it does not know.
   */
  readonly balance: number;
}

export const DEFAULT_TRAINING: TrainingOptions = Object.freeze({ epochs: 10, learningRate: 2, l2: 1e-6, minCount: 2, seed: 7, balance: 0 });

/** A trained classifier as flat arrays, to keep on disk (see modelCache.ts). */
export interface SerializedClassifier {
  readonly classes: number;
  /** the feature hash of each row of the weight matrix */
  readonly hashes: Uint32Array;
  readonly idf: Float32Array;
  readonly bias: Float32Array;
  readonly weights: Float32Array;
}

/** Examples trained between two returns to the event loop in trainAsync (a few milliseconds). */
const SLICE = 256;

export class TopicClassifier {
  /** What predict works in, made on its first call and kept, so that a message allocates only its result. */
  private scratch: PredictScratch | undefined;
  /** 1 for a row of the word block, 0 for a character n-gram (see WORD_BLOCK) */
  private readonly blockOf: Uint8Array;

  private constructor(
    /** hash -> row of the weight matrix */
    private readonly index: FeatureTable,
    /** inverse document frequency of each row's feature */
    private readonly idf: Float32Array,
    /** feature-major: weights[row * classes + c] */
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly classes: number,
  ) {
    this.blockOf = blocksOf(index);
  }

  static train(examples: readonly TrainingExample[], classes: number, options: TrainingOptions = DEFAULT_TRAINING): TopicClassifier {
    const steps = TopicClassifier.trainInSteps(examples, classes, options);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  }

  /**
   * The same training in slices, handing the event loop back between them: a reload that trains
   * a new model keeps answering citizens meanwhile.
   */
  static async trainAsync(examples: readonly TrainingExample[], classes: number, options: TrainingOptions = DEFAULT_TRAINING): Promise<TopicClassifier> {
    const steps = TopicClassifier.trainInSteps(examples, classes, options);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Training as a generator that pauses every SLICE examples. */
  private static *trainInSteps(examples: readonly TrainingExample[], classes: number, options: TrainingOptions): Generator<void, TopicClassifier> {
    const counts = new Map<number, number>();
    for (const ex of examples) for (const f of new Set(ex.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const hashes: number[] = [];
    const idfs: number[] = [];
    for (const [f, n] of counts) {
      if (n < options.minCount) continue;
      hashes.push(f);
      idfs.push(Math.log((1 + examples.length) / (1 + n)) + 1);
    }
    const index = new FeatureTable(hashes);
    const idf = Float32Array.from(idfs);
    const blockOf = blocksOf(index);
    const rows = examples.map((ex) => vectorize(ex.features, index, idf, blockOf));
    const weights = new Float32Array(index.size * classes);
    const bias = new Float32Array(classes);
    const scores = new Float64Array(classes);
    const deltas = new Float64Array(classes);
    const sizes = new Float64Array(classes);
    for (const ex of examples) sizes[ex.label] = sizes[ex.label]! + 1;
    const present = sizes.filter((n) => n > 0);
    const mean = present.reduce((a, b) => a + b, 0) / Math.max(1, present.length);
    const classWeight = Array.from(sizes, (n) => (n > 0 ? (mean / n) ** options.balance : 0));
    const order = examples.map((_, i) => i);
    const random = mulberry32(options.seed);
    let step = 0;
    const total = options.epochs * examples.length;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        if (step % SLICE === SLICE - 1) yield;
        const row = rows[i]!;
        if (row.rows.length === 0) {
          step++;
          continue;
        }
        forward(row, weights, bias, classes, scores);
        softmax(scores);
        const label = examples[i]!.label;
        const rate = (options.learningRate * (examples[i]!.weight ?? 1) * classWeight[label]!) / (1 + (4 * step++) / total);
        for (let c = 0; c < classes; c++) {
          const gradient = scores[c]! - (c === label ? 1 : 0);
          const delta = Math.abs(gradient) < 1e-4 ? 0 : rate * gradient;
          bias[c] = bias[c]! - delta * 0.1;
          deltas[c] = delta;
        }
        // Row by row, classes inside: the weights of one feature sit side by side in memory.
        const keep = 1 - options.l2;
        for (let k = 0; k < row.rows.length; k++) {
          const base = row.rows[k]! * classes;
          const value = row.values[k]!;
          for (let c = 0; c < classes; c++) weights[base + c] = weights[base + c]! * keep - deltas[c]! * value;
        }
      }
    }
    return new TopicClassifier(index, idf, weights, bias, classes);
  }

  /** Probability of each class for a message's features. */
  predict(features: readonly number[]): Float64Array {
    const row = this.vectorizeInScratch(features);
    const scores = new Float64Array(this.classes);
    if (row.rows.length === 0) {
      scores.fill(1 / this.classes);
      return scores;
    }
    forward(row, this.weights, this.bias, this.classes, scores);
    softmax(scores);
    return scores;
  }

  /**
   * vectorize, into buffers kept between calls: the same rows in the same order and the same
   * arithmetic (so the same probabilities to the last bit), without a Map and arrays per message.
   */
  private vectorizeInScratch(features: readonly number[]): SparseRow {
    const scratch = (this.scratch ??= { counts: new Uint32Array(this.index.size), rows: new Int32Array(64), values: new Float32Array(64) });
    const { counts } = scratch;
    if (scratch.rows.length < features.length) {
      scratch.rows = new Int32Array(features.length * 2);
      scratch.values = new Float32Array(features.length * 2);
    }
    const { rows, values } = scratch;
    let size = 0;
    for (const f of features) {
      const r = this.index.get(f);
      if (r === -1) continue;
      if (counts[r] === 0) rows[size++] = r;
      counts[r] = counts[r]! + 1;
    }
    let charNorm = 0;
    let wordNorm = 0;
    for (let k = 0; k < size; k++) {
      const r = rows[k]!;
      const v = counts[r]! * this.idf[r]!;
      counts[r] = 0;
      values[k] = v;
      if (this.blockOf[r] === 1) wordNorm += v * v;
      else charNorm += v * v;
    }
    const charScale = inverseLength(charNorm);
    const wordScale = inverseLength(wordNorm);
    for (let k = 0; k < size; k++) values[k] = values[k]! * (this.blockOf[rows[k]!] === 1 ? wordScale : charScale);
    return { rows: rows.subarray(0, size), values: values.subarray(0, size) };
  }

  static fromSerialized(model: SerializedClassifier): TopicClassifier {
    return new TopicClassifier(new FeatureTable(model.hashes), model.idf, model.weights, model.bias, model.classes);
  }

  serialize(): SerializedClassifier {
    return { classes: this.classes, hashes: Uint32Array.from(this.index.keysByRow()), idf: this.idf, bias: this.bias, weights: this.weights };
  }

  /** How many distinct features the model keeps (its memory is this times the classes). */
  get size(): number {
    return this.index.size;
  }
}

/**
 * A message as the model reads it: the rows of its known features and their tf-idf values, each
 * block (words, character n-grams) L2-normalised on its own.
 */
interface SparseRow {
  readonly rows: Int32Array;
  readonly values: Float32Array;
}

/** Buffers predict reuses: counts by row (all zero between calls), and the rows and values of one message. */
interface PredictScratch {
  readonly counts: Uint32Array;
  rows: Int32Array;
  values: Float32Array;
}

function vectorize(features: readonly number[], index: FeatureTable, idf: Float32Array, blockOf: Uint8Array): SparseRow {
  const counts = new Map<number, number>();
  for (const f of features) {
    const r = index.get(f);
    if (r !== -1) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const rows = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let charNorm = 0;
  let wordNorm = 0;
  let k = 0;
  for (const [r, n] of counts) {
    const v = n * idf[r]!;
    rows[k] = r;
    values[k++] = v;
    if (blockOf[r] === 1) wordNorm += v * v;
    else charNorm += v * v;
  }
  const charScale = inverseLength(charNorm);
  const wordScale = inverseLength(wordNorm);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * (blockOf[rows[i]!] === 1 ? wordScale : charScale);
  return { rows, values };
}

/** 1 / √(a block's squared length), or 0 for an empty block. */
function inverseLength(squared: number): number {
  return squared > 0 ? 1 / Math.sqrt(squared) : 0;
}

function blocksOf(index: FeatureTable): Uint8Array {
  return Uint8Array.from(index.keysByRow(), (hash) => ((hash & WORD_BLOCK) !== 0 ? 1 : 0));
}

function forward(row: SparseRow, weights: Float32Array, bias: Float32Array, classes: number, out: Float64Array): void {
  for (let c = 0; c < classes; c++) out[c] = bias[c]!;
  for (let k = 0; k < row.rows.length; k++) {
    const base = row.rows[k]! * classes;
    const value = row.values[k]!;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + weights[base + c]! * value;
  }
}

function softmax(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = scores[c]! / sum;
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}

/** A small seeded generator: training must give the same model every time. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
