import { mulberry32 } from "../perturbDevSet.js";
import type { SparseVector } from "./ngramVectorizer.js";

/**
 * A plain multinomial logistic regression on sparse rows, standing in for scikit-learn's
 * LogisticRegression() with its defaults (L2 penalty, C = 1, intercept not penalised): the same
 * objective, C · Σ cross-entropy + ½‖W‖², minimised by seeded stochastic gradient descent instead
 * of L-BFGS. No class weights, no thresholds: the most probable class always answers.
 */
export interface LogisticOptions {
  /** inverse regularisation strength, as scikit-learn's C */
  readonly c: number;
  readonly epochs: number;
  /** the step of the first epoch; epoch e steps learningRate / (1 + e) */
  readonly learningRate: number;
  readonly seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = Object.freeze({ c: 1, epochs: 20, learningRate: 0.5, seed: 7 });

export class LogisticRegression {
  private constructor(
    /** feature-major: weights[feature * classes + class] */
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    readonly classes: number,
  ) {}

  /** Fits on rows and their class indices (0 ≤ label < classes). Deterministic for a seed. */
  static fit(rows: readonly SparseVector[], labels: readonly number[], features: number, classes: number, options: LogisticOptions = DEFAULT_LOGISTIC): LogisticRegression {
    if (rows.length !== labels.length) throw new Error(`${rows.length} rows but ${labels.length} labels`);
    // Stored as scale · v, so that the L2 shrinkage of every weight each step costs one multiplication.
    const v = new Float64Array(features * classes);
    const bias = new Float64Array(classes);
    const scores = new Float64Array(classes);
    const lambda = 1 / (options.c * Math.max(1, rows.length));
    let scale = 1;
    const order = rows.map((_, i) => i);
    const random = mulberry32(options.seed);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch);
      shuffle(order, random);
      for (const i of order) {
        const { indices, values } = rows[i]!;
        scoresOf(indices, values, v, scale, bias, classes, scores);
        softmax(scores);
        scale *= 1 - rate * lambda;
        const label = labels[i]!;
        for (let c = 0; c < classes; c++) {
          const gradient = scores[c]! - (c === label ? 1 : 0);
          bias[c] = bias[c]! - rate * gradient;
          const step = (rate * gradient) / scale;
          for (let k = 0; k < indices.length; k++) {
            const at = indices[k]! * classes + c;
            v[at] = v[at]! - step * values[k]!;
          }
        }
        if (scale < 1e-6) {
          for (let k = 0; k < v.length; k++) v[k] = v[k]! * scale;
          scale = 1;
        }
      }
    }
    for (let k = 0; k < v.length; k++) v[k] = v[k]! * scale;
    return new LogisticRegression(v, bias, classes);
  }

  /** The probability of each class for a row. */
  predict(row: SparseVector): Float64Array {
    const scores = new Float64Array(this.classes);
    scoresOf(row.indices, row.values, this.weights, 1, this.bias, this.classes, scores);
    softmax(scores);
    return scores;
  }
}

function scoresOf(indices: Int32Array, values: Float64Array, weights: Float64Array, scale: number, bias: Float64Array, classes: number, out: Float64Array): void {
  out.set(bias);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k]! * classes;
    const x = values[k]! * scale;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + weights[base + c]! * x;
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
