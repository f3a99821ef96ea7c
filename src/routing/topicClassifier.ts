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

export const DEFAULT_TRAINING: TrainingOptions = Object.freeze({ epochs: 4, learningRate: 1, l2: 1e-6, minCount: 2, seed: 7, balance: 0.5 });

/** A trained classifier as flat arrays, to keep on disk (see modelCache.ts). */
export interface SerializedClassifier {
  readonly classes: number;
  /** the feature hash of each row of the weight matrix */
  readonly hashes: Uint32Array;
  readonly bias: Float32Array;
  readonly weights: Float32Array;
}

export class TopicClassifier {
  private constructor(
    /** hash -> row of the weight matrix */
    private readonly index: ReadonlyMap<number, number>,
    /** feature-major: weights[row * classes + c] */
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly classes: number,
  ) {}

  static train(examples: readonly TrainingExample[], classes: number, options: TrainingOptions = DEFAULT_TRAINING): TopicClassifier {
    const counts = new Map<number, number>();
    for (const ex of examples) for (const f of new Set(ex.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const index = new Map<number, number>();
    for (const [f, n] of counts) if (n >= options.minCount) index.set(f, index.size);
    const rows = examples.map((ex) => Int32Array.from(new Set(ex.features.map((f) => index.get(f) ?? -1).filter((r) => r >= 0))));
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
        const row = rows[i]!;
        if (row.length === 0) continue;
        const scale = 1 / Math.sqrt(row.length);
        forward(row, scale, weights, bias, classes, scores);
        softmax(scores);
        const label = examples[i]!.label;
        const rate = (options.learningRate * (examples[i]!.weight ?? 1) * classWeight[label]!) / (1 + (4 * step++) / total);
        for (let c = 0; c < classes; c++) {
          const gradient = scores[c]! - (c === label ? 1 : 0);
          const delta = Math.abs(gradient) < 1e-4 ? 0 : rate * gradient;
          bias[c] = bias[c]! - delta * 0.1;
          deltas[c] = delta * scale;
        }
        // Row by row, classes inside: the weights of one feature sit side by side in memory.
        const keep = 1 - options.l2;
        for (let k = 0; k < row.length; k++) {
          const base = row[k]! * classes;
          for (let c = 0; c < classes; c++) weights[base + c] = weights[base + c]! * keep - deltas[c]!;
        }
      }
    }
    return new TopicClassifier(index, weights, bias, classes);
  }

  /** Probability of each class for a message's features. */
  predict(features: readonly number[]): Float64Array {
    const rows: number[] = [];
    const seen = new Set<number>();
    for (const f of features) {
      const r = this.index.get(f);
      if (r !== undefined && !seen.has(r)) {
        seen.add(r);
        rows.push(r);
      }
    }
    const scores = new Float64Array(this.classes);
    if (rows.length === 0) {
      scores.fill(1 / this.classes);
      return scores;
    }
    forward(rows, 1 / Math.sqrt(rows.length), this.weights, this.bias, this.classes, scores);
    softmax(scores);
    return scores;
  }

  static fromSerialized(model: SerializedClassifier): TopicClassifier {
    const index = new Map<number, number>();
    model.hashes.forEach((hash, row) => index.set(hash, row));
    return new TopicClassifier(index, model.weights, model.bias, model.classes);
  }

  serialize(): SerializedClassifier {
    const hashes = new Uint32Array(this.index.size);
    for (const [hash, row] of this.index) hashes[row] = hash;
    return { classes: this.classes, hashes, bias: this.bias, weights: this.weights };
  }

  /** How many distinct features the model keeps (its memory is this times the classes). */
  get size(): number {
    return this.index.size;
  }
}

function forward(rows: ArrayLike<number>, scale: number, weights: Float32Array, bias: Float32Array, classes: number, out: Float64Array): void {
  for (let c = 0; c < classes; c++) out[c] = bias[c]!;
  for (let k = 0; k < rows.length; k++) {
    const base = rows[k]! * classes;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + weights[base + c]! * scale;
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
