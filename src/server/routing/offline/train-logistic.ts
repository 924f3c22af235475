import type { SparseFeatures } from '../learned-router/hash-features.js';
import { predictLogistic, type LogisticModel } from '../learned-router/logistic-model.js';

/** Options of {@link trainLogistic}. */
export interface TrainLogisticOptions {
  features: readonly SparseFeatures[];
  /** Targets in [0, 1]: correctness, or a graded score rescaled. */
  targets: ArrayLike<number>;
  dimensions: number;
  epochs?: number | undefined;
  /** L2 penalty per example; keeps rare words from memorising single prompts. */
  l2?: number | undefined;
}

/**
 * Fits logistic regression by AdaGrad over the examples in a fixed order (deterministic: the same
 * data gives the same weights). Sparse updates: each step touches only the prompt's buckets (and
 * its dense block, when it has one).
 */
export function trainLogistic(options: TrainLogisticOptions): LogisticModel {
  const { features, targets, dimensions } = options;
  const epochs = options.epochs ?? 8;
  const l2 = options.l2 ?? 1e-4;
  const weights = new Float64Array(dimensions);
  const squares = new Float64Array(dimensions).fill(1e-8);
  const model = { weights };
  const learningRate = 0.3;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    features.forEach((example, row) => {
      const error = predictLogistic(model, example) - (targets[row] ?? 0);
      for (const index of example.indices) {
        const gradient = error * example.value + l2 * (weights[index] ?? 0);
        squares[index] = (squares[index] ?? 0) + gradient * gradient;
        weights[index] = (weights[index] ?? 0) - (learningRate * gradient) / Math.sqrt(squares[index] ?? 1);
      }
      const dense = example.dense;
      if (dense === undefined) return;
      dense.values.forEach((value, position) => {
        const index = dense.offset + position;
        const gradient = error * value + l2 * (weights[index] ?? 0);
        squares[index] = (squares[index] ?? 0) + gradient * gradient;
        weights[index] = (weights[index] ?? 0) - (learningRate * gradient) / Math.sqrt(squares[index] ?? 1);
      });
    });
  }
  return model;
}
